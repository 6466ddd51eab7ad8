package cn.approvalbridge.hub.supervision;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.store.LeasedJob;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.hub.platform.notice.Notices;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.OutboxRelay;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.Db;
import io.quarkus.scheduler.Scheduled;

/**
 * The chase of an open case (督查催办 → 约谈): a reminder to the department's duty desk every
 * hub.supervision.reminder-every-days working days after the escalation, up to hub.supervision.max-reminders, then an
 * interview record naming the department, for its leadership (its supervisor is told); the case closes as soon as the
 * watched item no longer stands (answered, or the owner's time stopped). Each step is claimed by a conditional update,
 * in one transaction with its trail entry, its SMS and the update for the supervision system, so it happens once
 * however many checks or hubs run. At most one step per case and check: time moved on by days does not turn into a
 * burst of reminders.
 */
@ApplicationScoped
public class SupervisionChase {

    private static final Logger LOG = Logger.getLogger(SupervisionChase.class);

    @Inject
    LeasedJob job;

    @Inject
    Db db;
    @Inject
    Deadlines deadlines;
    @Inject
    SupervisionCases cases;
    @Inject
    Departments departments;
    @Inject
    Notices notices;
    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    CaseMetrics metrics;

    @ConfigProperty(name = "hub.supervision.max-reminders")
    int maxReminders;

    @Scheduled(every = "{hub.deadlines.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "15s")
    void scheduled() {
        job.run("supervision-chase", this::check); // one replica at a time (each step is claimed in the store as well)
    }

    /** Takes each open case one step further where one is due; returns how many steps it took. */
    public int check() {
        LocalDate today = deadlines.today();
        int steps = 0;
        for (SupervisionCases.Case k : db.read(cases::openCases)) {
            try {
                steps += step(k.caseId(), k.declarationId(), today);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Supervision case %s not chased this time; retried next check", k.caseId());
            }
        }
        metrics.refresh();
        if (steps > 0) {
            LOG.infof("Supervision chase took %d step(s)", steps);
        }
        return steps;
    }

    private int step(String caseId, String declarationId, LocalDate today) {
        List<Outbox.Message> messages = new ArrayList<>();
        int n = db.inTransaction(c -> {
            Declarations.lock(c, declarationId); // the trail's chain is appended under the declaration's lock
            SupervisionCases.Case k = cases.find(c, caseId);
            if (k == null || !k.open()) {
                return 0;
            }
            OffsetDateTime now = deadlines.now().toOffsetDateTime();
            if (!cases.stillOwed(c, k)) {
                return close(c, k, now, messages);
            }
            if (k.nextStepOn().isAfter(today)) {
                return 0;
            }
            return k.reminders() < maxReminders ? remind(c, k, today, now, messages)
                    : k.interviewedAt() == null ? interview(c, k, today, now, messages) : 0;
        });
        messages.forEach(relay::relay);
        return n;
    }

    private int close(Connection c, SupervisionCases.Case k, OffsetDateTime now, List<Outbox.Message> messages)
            throws SQLException {
        if (Db.update(c, "UPDATE hub_supervision_case SET closed_at = ?, last_seq = last_seq + 1 WHERE case_id = ? "
                + "AND closed_at IS NULL AND last_seq = ?", now, k.caseId(), k.lastSeq()) != 1) {
            return 0;
        }
        ObjectNode u = cases.update(k, k.lastSeq() + 1, "CLOSED", now);
        u.put("reason", "ANSWERED");
        u.put("remindersSent", k.reminders());
        u.put("interviewed", k.interviewedAt() != null);
        messages.add(cases.record(c, k, u, "SUPERVISION_CASE_CLOSED"));
        return 1;
    }

    private int remind(Connection c, SupervisionCases.Case k, LocalDate today, OffsetDateTime now,
            List<Outbox.Message> messages) throws SQLException {
        int reminder = k.reminders() + 1;
        if (Db.update(c, "UPDATE hub_supervision_case SET reminders = ?, next_step_on = ?, last_seq = last_seq + 1 "
                + "WHERE case_id = ? AND reminders = ? AND closed_at IS NULL AND last_seq = ?", reminder,
                cases.nextStep(today), k.caseId(), k.reminders(), k.lastSeq()) != 1) {
            return 0;
        }
        int overdue = overdueDays(k, today);
        ObjectNode u = cases.update(k, k.lastSeq() + 1, "REMINDER", now);
        u.put("reminder", reminder);
        u.put("of", maxReminders);
        u.put("overdueDays", overdue);
        messages.add(cases.record(c, k, u, "SUPERVISION_REMINDER"));
        Optional<String> desk = departments.isKnown(k.departmentCode()) ? departments.dutyMobile(k.departmentCode())
                : Optional.ofNullable(k.supervisorMobile());
        if (desk.isPresent()) {
            messages.add(notice(c, "SUPERVISION_REMINDER", k, desk.get(), Map.of("itemName", k.subject(),
                    "overdueDays", Integer.toString(overdue), "reminder", Integer.toString(reminder)), ":" + reminder));
        }
        return 1;
    }

    private int interview(Connection c, SupervisionCases.Case k, LocalDate today, OffsetDateTime now,
            List<Outbox.Message> messages) throws SQLException {
        if (Db.update(c, "UPDATE hub_supervision_case SET interviewed_at = ?, last_seq = last_seq + 1 WHERE case_id = ? "
                + "AND interviewed_at IS NULL AND closed_at IS NULL AND last_seq = ?", now, k.caseId(), k.lastSeq()) != 1) {
            return 0;
        }
        int overdue = overdueDays(k, today);
        String name = departments.isKnown(k.departmentCode()) ? departments.name(k.departmentCode()) : k.departmentCode();
        ObjectNode u = cases.update(k, k.lastSeq() + 1, "INTERVIEW", now);
        u.put("overdueDays", overdue);
        u.put("remindersSent", k.reminders());
        u.put("interviewee", name + "主要负责人");
        u.put("reason", "催办" + k.reminders() + "次后仍未办理：" + k.subject());
        messages.add(cases.record(c, k, u, "SUPERVISION_INTERVIEW"));
        if (k.supervisorMobile() != null) {
            messages.add(notice(c, "SUPERVISION_INTERVIEW", k, k.supervisorMobile(), Map.of("itemName", k.subject(),
                    "department", name, "reminders", Integer.toString(k.reminders())), ""));
        }
        return 1;
    }

    private int overdueDays(SupervisionCases.Case k, LocalDate today) {
        return Math.max(k.overdueDays(), deadlines.overdueDays(k.dueBy(), today));
    }

    private Outbox.Message notice(Connection c, String event, SupervisionCases.Case k, String mobile,
            Map<String, String> params, String suffix) throws SQLException {
        return outbox.add(c, Queues.NOTIFICATIONS, notices.notice(event + ":" + k.caseId() + suffix, event, mobile,
                k.projectCode(), k.projectName(), params, k.declarationId()));
    }
}
