package cn.approvalbridge.hub.keyprojects;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.store.LeasedJob;
import cn.approvalbridge.hub.approval.ApprovalItems;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.notice.Notices;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.OutboxRelay;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.DeclarationView;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;
import io.quarkus.scheduler.Scheduled;

/**
 * The month end of key projects (一项目一表): for every coded key project, the row of month M — from the month it was
 * coded — is fixed on hub.key-projects.report-day of M+1 at office close (hub.deadlines.office-close; or at the first
 * check after it), with the unit's progress or marked missing, and the hub's own procedure states; it goes to the
 * key-project platform through the outbox. Without progress the window is told (SMS to hub.window.duty-mobile) and the
 * trail says so. Once per project and month: the insert of the row is the claim, in one transaction with the trail
 * entries, the row's message and the SMS. Runs on the injected clock every hub.deadlines.check-interval.
 */
@ApplicationScoped
public class KeyProjectMonth {

    /** The fixed rows, canonical; partners.keyprojects maps them to the platform's format. */
    public static final String QUEUE = "hub.key-projects.rows";

    private static final Logger LOG = Logger.getLogger(KeyProjectMonth.class);

    @Inject
    LeasedJob job;

    @Inject
    Db db;
    @Inject
    KeyProjects projects;
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
    ObjectMapper json;

    @ConfigProperty(name = "hub.key-projects.report-day")
    int reportDay;
    @ConfigProperty(name = "hub.deadlines.office-close")
    LocalTime officeClose;
    @ConfigProperty(name = "hub.window.duty-mobile")
    Optional<String> windowMobile;

    @Scheduled(every = "{hub.deadlines.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "20s")
    void scheduled() {
        job.run("key-project-month", this::check); // one replica at a time (each step is claimed in the store as well)
    }

    /** Fixes every row that is due and not fixed yet; returns how many it fixed. */
    public int check() {
        ZonedDateTime now = deadlines.now();
        int fixed = 0;
        for (KeyProjects.KeyProject p : projects.coded()) {
            List<String> done = projects.fixedMonths(p.projectCode());
            for (YearMonth m = p.codedMonth(); !dueAt(m).isAfter(now); m = m.plusMonths(1)) {
                if (done.contains(m.toString())) {
                    continue;
                }
                try {
                    fixed += fix(p, m);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Key project %s: row of %s not fixed this time; retried next check", p.projectCode(), m);
                }
            }
        }
        if (fixed > 0) {
            LOG.infof("Key projects: %d monthly row(s) fixed", fixed);
        }
        return fixed;
    }

    /** When month {@code m}'s row is due: the report day of the next month, at office close (Beijing time). */
    public ZonedDateTime dueAt(YearMonth m) {
        YearMonth next = m.plusMonths(1);
        return next.atDay(Math.min(reportDay, next.lengthOfMonth())).atTime(officeClose).atZone(ChinaTime.ZONE);
    }

    private int fix(KeyProjects.KeyProject p, YearMonth m) {
        List<Outbox.Message> messages = new ArrayList<>();
        int n = db.inTransaction(c -> {
            Declarations.Row row = Declarations.lock(c, p.declarationId()).orElseThrow();
            Optional<KeyProjects.Progress> progress = projects.progress(c, p.projectCode(), m);
            OffsetDateTime now = deadlines.now().toOffsetDateTime();
            String body = row(c, row, p, m, progress, now).toString();
            if (Db.update(c, "INSERT INTO hub_key_project_row (project_code, report_month, progress_missing, fixed_at, "
                    + "body) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM hub_key_project_row WHERE "
                    + "project_code = ? AND report_month = ?)", p.projectCode(), m.toString(), progress.isEmpty(), now,
                    body, p.projectCode(), m.toString()) != 1) {
                return 0;
            }
            trail.append(c, p.declarationId(), "HUB", "key-project-platform", "KEY_PROJECT_ROW_FIXED", body);
            messages.add(outbox.add(c, QUEUE, body));
            if (progress.isEmpty()) {
                trail.append(c, p.declarationId(), "HUB", "hub", "KEY_PROJECT_PROGRESS_MISSING",
                        "{\"month\":\"" + m + "\",\"deadline\":\"" + dueAt(m).toLocalDate() + "\"}");
                if (windowMobile.isPresent() && !windowMobile.get().isBlank()) {
                    messages.add(outbox.add(c, Queues.NOTIFICATIONS, notices.notice("KEY_PROJECT_PROGRESS_MISSING:"
                            + p.projectCode() + ":" + m, "KEY_PROJECT_PROGRESS_MISSING", windowMobile.get(),
                            p.projectCode(), p.projectName(), Map.of("month", m.toString(), "deadline",
                                    dueAt(m).toLocalDate().toString()), p.declarationId())));
                }
            }
            return 1;
        });
        messages.forEach(relay::relay);
        return n;
    }

    /** The canonical row: the unit's progress (or missing) and the hub's procedure states as they stand now. */
    private ObjectNode row(Connection c, Declarations.Row d, KeyProjects.KeyProject p, YearMonth m,
            Optional<KeyProjects.Progress> progress, OffsetDateTime now) throws SQLException {
        ObjectNode r = json.createObjectNode();
        r.put("projectCode", p.projectCode());
        r.put("projectName", p.projectName());
        r.put("keyProject", p.level());
        r.put("month", m.toString());
        r.put("fixedAt", ChinaTime.text(now));
        r.put("progressMissing", progress.isEmpty());
        if (progress.isPresent()) {
            ObjectNode g = r.putObject("progress");
            g.put("physicalProgress", progress.get().physicalProgress());
            g.put("investmentCompleted", progress.get().investmentCompleted());
            if (progress.get().problems() != null) {
                g.put("problems", progress.get().problems());
            }
            g.put("reportedAt", ChinaTime.text(progress.get().receivedAt()));
        }
        ObjectNode s = r.putObject("procedures");
        s.put("step", DeclarationView.step(d.status()));
        s.put("status", d.status().name());
        s.put("codeAssignedAt", ChinaTime.text(d.codeAssignedAt()));
        List<ApprovalItems.Item> items = ApprovalItems.items(c, p.projectCode());
        s.put("stage", ApprovalItems.stage(items));
        ArrayNode list = s.putArray("items");
        for (ApprovalItems.Item i : items) {
            ObjectNode x = list.addObject();
            x.put("itemCode", i.itemCode());
            x.put("itemName", i.itemName());
            x.put("departmentCode", i.departmentCode());
            x.put("stage", i.stage());
            x.put("status", i.status());
            x.put("decision", i.decision());
            x.put("documentNumber", i.documentNumber());
            x.put("documentDate", i.documentDate() == null ? null : i.documentDate().toString());
        }
        return r;
    }
}
