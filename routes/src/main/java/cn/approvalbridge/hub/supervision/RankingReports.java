package cn.approvalbridge.hub.supervision;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.store.LeasedJob;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.OutboxRelay;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;
import io.quarkus.scheduler.Scheduled;

/**
 * The monthly rankings: a month's report is fixed on hub.ranking.fix-day (the 10th) of the next month, kept in
 * hub_department_ranking as it was answered then, and handed to the supervision system (13710) as one message on
 * {@value #QUEUE} (HubMessageId {@code RANKING:<YYYY-MM>}, the body the report as GET answers it), in the same
 * transaction. Checked every hub.deadlines.check-interval on the hub's clock, so the sandbox clock moves it too.
 */
@ApplicationScoped
public class RankingReports {

    public static final String QUEUE = "hub.supervision.reports";

    private static final Logger LOG = Logger.getLogger(RankingReports.class);

    @Inject
    LeasedJob job;

    @Inject
    Db db;

    @Inject
    DepartmentRanking ranking;

    @Inject
    DepartmentDeadlines deadlineRows;

    @Inject
    Deadlines deadlines;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "hub.ranking.fix-day")
    int fixDay;

    public static String messageId(YearMonth month) {
        return "RANKING:" + month;
    }

    /** Whether {@code month}'s report is fixed on or before {@code today}. */
    boolean fixable(YearMonth month, LocalDate today) {
        return !today.isBefore(month.plusMonths(1).atDay(Math.min(fixDay, 28)));
    }

    @Scheduled(every = "{hub.deadlines.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "15s")
    void scheduled() {
        job.run("ranking-reports", this::fixDue); // one replica at a time (each step is claimed in the store as well)
    }

    /** Fixes every month due and not fixed yet, oldest first (a month's bottom-three streak needs the one before). */
    public int fixDue() {
        LocalDate today = deadlines.today();
        Optional<YearMonth> first = firstMonth();
        if (first.isEmpty()) {
            return 0;
        }
        int fixed = 0;
        for (YearMonth m = first.get(); fixable(m, today); m = m.plusMonths(1)) {
            if (stored(m).isEmpty() && fix(m, today)) {
                fixed++;
            }
        }
        return fixed;
    }

    /** The report of {@code month}: as kept once fixed, else its figures so far ({@code final: false}). */
    public JsonNode report(YearMonth month) {
        Optional<JsonNode> kept = stored(month);
        if (kept.isPresent()) {
            return kept.get();
        }
        LocalDate today = deadlines.today();
        Optional<YearMonth> first = firstMonth();
        if (fixable(month, today) && first.isPresent() && !month.isBefore(first.get())) {
            fixDue();
            return stored(month).orElseThrow();
        }
        ObjectNode r = compute(month, today, deadlineRows.all(null));
        // a month before any project can no longer change: final though never kept
        r.put("final", fixable(month, today));
        return r;
    }

    private ObjectNode compute(YearMonth month, LocalDate today, List<DepartmentDeadlines.Deadline> all) {
        LocalDate end = month.atEndOfMonth();
        LocalDate asOf = today.isBefore(end) ? today : end;
        JsonNode previous = stored(month.minusMonths(1)).orElse(null);
        Optional<YearMonth> first = firstMonth();
        if (previous == null && first.isPresent() && month.isAfter(first.get())) {
            previous = compute(month.minusMonths(1), today, all);
        }
        return ranking.compute(month, asOf, all, previous);
    }

    private boolean fix(YearMonth month, LocalDate today) {
        ObjectNode r = compute(month, today, deadlineRows.all(null));
        r.put("final", true);
        r.put("fixedAt", ChinaTime.text(deadlines.now().toOffsetDateTime()));
        String body = r.toString();
        try {
            Outbox.Message m = db.inTransaction(c -> {
                Db.update(c, "INSERT INTO hub_department_ranking (ranking_month, body, fixed_at) VALUES (?, ?, ?)",
                        month.toString(), body, deadlines.now().toOffsetDateTime());
                return outbox.add(c, QUEUE, body, messageId(month));
            });
            relay.relay(m);
            LOG.infof("Department ranking of %s fixed and handed to the supervision system", month);
            return true;
        } catch (Db.StoreException e) {
            if (Db.isDuplicateKey(e)) {
                return false; // fixed meanwhile by a concurrent check
            }
            throw e;
        }
    }

    Optional<JsonNode> stored(YearMonth month) {
        return db.read(c -> Db.one(c, "SELECT body FROM hub_department_ranking WHERE ranking_month = ?",
                rs -> rs.getString(1), month.toString())).map(this::parse);
    }

    private Optional<YearMonth> firstMonth() {
        return db.read(c -> Db.list(c, "SELECT MIN(received_at) AS first_at FROM hub_declaration",
                rs -> Optional.ofNullable(Db.time(rs, "first_at")))).stream().flatMap(Optional::stream).findFirst()
                .map(t -> YearMonth.from(t.atZoneSameInstant(ChinaTime.ZONE)));
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept ranking is not JSON", e);
        }
    }
}
