package cn.approvalbridge.hub.deadline;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import cn.approvalbridge.hub.partners.Departments;
import cn.approvalbridge.hub.routes.FlowSteps;
import cn.approvalbridge.hub.routes.Queues;
import cn.approvalbridge.hub.store.Db;
import cn.approvalbridge.hub.store.Declarations;
import cn.approvalbridge.hub.store.Outbox;
import cn.approvalbridge.hub.store.OutboxRelay;
import cn.approvalbridge.hub.store.Trail;
import io.quarkus.scheduler.Scheduled;

/**
 * Early warning and escalation (预警, 督办) of pre-review deadlines. A department still silent on its warning day gets
 * DEADLINE_WARNING (SMS to its duty desk, hub.departments.&lt;code&gt;.duty-mobile: it is the one that must act); silent
 * after its due day, OVERDUE_ESCALATION (recorded in the trail, SMS to its supervisor,
 * hub.departments.&lt;code&gt;.supervisor-mobile). Each is raised once: a conditional update claims it, in the same
 * transaction as the trail entry and the outbox message of the SMS.
 */
@ApplicationScoped
public class DeadlineMonitor {

    private static final Logger LOG = Logger.getLogger(DeadlineMonitor.class);

    @Inject
    Db db;

    @Inject
    Deadlines deadlines;

    @Inject
    Departments departments;

    @Inject
    Trail trail;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    FlowSteps steps;

    @Scheduled(every = "{hub.deadlines.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "10s")
    void scheduled() {
        check();
    }

    /** Raises what is due today; returns how many warnings and escalations it raised. */
    public int check() {
        LocalDate today = deadlines.today();
        List<Declarations.Review> pending = db.read(c -> Db.list(c, "SELECT r.declaration_id, r.department_code FROM "
                + "hub_department_review r JOIN hub_declaration d ON d.declaration_id = r.declaration_id "
                + "WHERE d.status = 'PRE_REVIEW' AND r.decision IS NULL AND ((r.warn_on <= ? AND r.warned_at IS NULL) "
                + "OR (r.due_by < ? AND r.escalated_at IS NULL))",
                rs -> new Declarations.Review(rs.getString(1), rs.getString(2), null, null, null, null, null, null, null,
                        null, null), today, today));
        int raised = 0;
        for (Declarations.Review p : pending) {
            raised += raise(p.declarationId(), p.departmentCode(), today);
        }
        if (raised > 0) {
            LOG.infof("Deadline monitor raised %d warning(s)/escalation(s)", raised);
        }
        return raised;
    }

    private int raise(String declarationId, String dept, LocalDate today) {
        List<Outbox.Message> messages = new ArrayList<>();
        int raised = db.inTransaction(c -> {
            Declarations.Row row = Declarations.lock(c, declarationId).orElseThrow();
            Declarations.Review r = Declarations.reviews(c, declarationId).stream()
                    .filter(x -> x.departmentCode().equals(dept)).findFirst().orElseThrow();
            if (row.status() != Declarations.Status.PRE_REVIEW || r.decision() != null) {
                return 0;
            }
            OffsetDateTime now = deadlines.now().toOffsetDateTime();
            String item = "立项预审（" + departments.name(dept) + "，申报号" + declarationId + "）";
            int n = 0;
            if (!r.warnOn().isAfter(today) && r.warnedAt() == null) {
                Db.update(c, "UPDATE hub_department_review SET warned_at = ? WHERE declaration_id = ? AND department_code = ? "
                        + "AND warned_at IS NULL", now, declarationId, dept);
                String payload = "{\"departmentCode\":\"" + dept + "\",\"dueBy\":\"" + r.dueBy() + "\"}";
                trail.append(c, declarationId, "HUB", "deadline-monitor", "DEADLINE_WARNING", payload);
                departments.dutyMobile(dept).ifPresent(m -> {
                    try {
                        messages.add(outbox.add(c, Queues.NOTIFICATIONS, steps.notification(
                                "DEADLINE_WARNING:" + declarationId + ":" + dept, "DEADLINE_WARNING", m, null,
                                row.projectName(), Map.of("itemName", item, "deadline", r.dueBy().toString()), declarationId)));
                    } catch (java.sql.SQLException e) {
                        throw new Db.StoreException(e);
                    }
                });
                n++;
            }
            if (r.dueBy().isBefore(today) && r.escalatedAt() == null) {
                int overdue = Math.max(1, deadlines.overdueDays(r.dueBy(), today));
                Db.update(c, "UPDATE hub_department_review SET escalated_at = ?, status = 'OVERDUE' WHERE declaration_id = ? "
                        + "AND department_code = ? AND escalated_at IS NULL", now, declarationId, dept);
                String payload = "{\"departmentCode\":\"" + dept + "\",\"dueBy\":\"" + r.dueBy() + "\",\"overdueDays\":"
                        + overdue + "}";
                trail.append(c, declarationId, "HUB", "deadline-monitor", "OVERDUE_ESCALATION", payload);
                departments.supervisorMobile(dept).ifPresent(m -> {
                    try {
                        messages.add(outbox.add(c, Queues.NOTIFICATIONS, steps.notification(
                                "OVERDUE_ESCALATION:" + declarationId + ":" + dept, "OVERDUE_ESCALATION", m, null,
                                row.projectName(), Map.of("itemName", item, "overdueDays", Integer.toString(overdue)),
                                declarationId)));
                    } catch (java.sql.SQLException e) {
                        throw new Db.StoreException(e);
                    }
                });
                n++;
            }
            return n;
        });
        messages.forEach(relay::relay);
        return raised;
    }
}
