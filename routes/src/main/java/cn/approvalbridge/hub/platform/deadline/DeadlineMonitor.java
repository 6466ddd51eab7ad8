package cn.approvalbridge.hub.platform.deadline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.notice.Notices;
import cn.approvalbridge.hub.platform.store.LeasedJob;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.OutboxRelay;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.support.Db;
import io.quarkus.scheduler.Scheduled;

/**
 * Early warning and escalation (预警, 督办) of every limit the flows watch ({@link DeadlineWatch}): still owing its
 * answer on the warning day → DEADLINE_WARNING (SMS to the owner's duty desk: it is the one that must act); still owing
 * it after its due day → OVERDUE_ESCALATION (SMS to its supervisor). Both are recorded in the project's trail. Each is
 * raised once: a conditional update claims it, in the same transaction as the trail entry and the outbox message of
 * the SMS, under the declaration's row lock, so two replicas checking at once still raise it once; every
 * {@link Escalations} listener records an escalation in that same transaction. The check itself runs on the
 * replica holding the lease "deadline-monitor", every hub.deadlines.check-interval.
 */
@ApplicationScoped
public class DeadlineMonitor {

    private static final Logger LOG = Logger.getLogger(DeadlineMonitor.class);

    @Inject
    @Any
    Instance<DeadlineWatch<?>> watches;

    @Inject
    Db db;

    @Inject
    Deadlines deadlines;

    @Inject
    Trail trail;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    Notices notices;

    @Inject
    LeasedJob job;

    @Inject
    @Any
    Instance<Escalations> escalations;

    @Inject
    ObjectMapper json;

    @Scheduled(every = "{hub.deadlines.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "10s")
    void scheduled() {
        job.run("deadline-monitor", this::check); // one replica at a time (each step is claimed in the store as well)
    }

    /** Raises what is due today; returns how many warnings and escalations it raised. */
    public int check() {
        LocalDate today = deadlines.today();
        int raised = 0;
        for (DeadlineWatch<?> watch : watches) {
            raised += check(watch, today);
        }
        if (raised > 0) {
            LOG.infof("Deadline monitor raised %d warning(s)/escalation(s)", raised);
        }
        return raised;
    }

    private <T> int check(DeadlineWatch<T> watch, LocalDate today) {
        int raised = 0;
        for (T row : watch.due(today)) {
            try {
                raised += raise(watch, row, today);
            } catch (RuntimeException e) {
                // one row's failure (a store hiccup) must not starve the others; it is retried on the next check
                LOG.warnf(e, "Deadline check of %s failed; retried next time", watch.describe(row));
            }
        }
        return raised;
    }

    private <T> int raise(DeadlineWatch<T> watch, T row, LocalDate today) {
        List<Outbox.Message> messages = new ArrayList<>();
        int raised = db.inTransaction(c -> {
            Optional<DeadlineWatch.Watched> owed = watch.recheck(c, row);
            if (owed.isEmpty()) {
                return 0;
            }
            DeadlineWatch.Watched w = owed.get();
            OffsetDateTime now = deadlines.now().toOffsetDateTime();
            int n = 0;
            if (!w.warnOn().isAfter(today) && !w.warned() && raise(c, now, w, w.warning(), "DEADLINE_WARNING",
                    w.warningPayload(), Map.of("itemName", w.subject(), "deadline", w.dueBy().toString()), messages)) {
                n++;
            }
            int overdue = Math.max(1, deadlines.overdueDays(w.dueBy(), today));
            String payload = w.escalationPayload().apply(overdue);
            if (w.dueBy().isBefore(today) && !w.escalated() && raise(c, now, w, w.escalation(), "OVERDUE_ESCALATION",
                    payload, Map.of("itemName", w.subject(), "overdueDays", Integer.toString(overdue)), messages)) {
                escalated(c, watch, w, overdue, now, payload, messages);
                n++;
            }
            return n;
        });
        messages.forEach(relay::relay);
        return raised;
    }

    /** Everyone who hears of escalations (the supervision chase) records it in this same transaction. */
    private void escalated(Connection c, DeadlineWatch<?> watch, DeadlineWatch.Watched w, int overdue,
            OffsetDateTime now, String payload, List<Outbox.Message> messages) throws SQLException {
        Escalations.Escalation e = new Escalations.Escalation(w.escalation().eventId(), w.declarationId(),
                w.projectCode(), w.projectName(), w.subject(), owner(w, payload), w.dueBy(), overdue, now, payload,
                watch.name(), w.item(), w.escalation().mobile().orElse(null));
        for (Escalations listener : escalations) {
            messages.addAll(listener.escalated(c, e));
        }
    }

    /** Who owes the answer, as the watch's trail payload names it: a department, else a utility, else the watch. */
    private String owner(DeadlineWatch.Watched w, String payload) {
        try {
            JsonNode p = json.readTree(payload);
            for (String field : new String[] { "departmentCode", "utility" }) {
                if (p.hasNonNull(field)) {
                    return p.get(field).asText();
                }
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.debugf("escalation payload of %s names no owner: %s", w.declarationId(), e.getMessage());
        }
        return w.partner();
    }

    /** Claims one raise; when this call claimed it, the trail records it and its SMS (if the desk has a number) is queued. */
    private boolean raise(Connection c, OffsetDateTime now, DeadlineWatch.Watched w, DeadlineWatch.Raise r, String event,
            String payload, Map<String, String> params, List<Outbox.Message> messages) throws SQLException {
        List<Object> args = new ArrayList<>();
        args.add(now);
        args.addAll(r.claimArgs());
        if (Db.update(c, r.claimSql(), args.toArray()) != 1) {
            return false;
        }
        trail.append(c, w.declarationId(), "HUB", w.partner(), event, payload);
        if (r.mobile().isPresent()) {
            messages.add(outbox.add(c, Queues.NOTIFICATIONS, notices.notice(r.eventId(), event, r.mobile().get(),
                    w.projectCode(), w.projectName(), params, w.declarationId())));
        }
        return true;
    }
}
