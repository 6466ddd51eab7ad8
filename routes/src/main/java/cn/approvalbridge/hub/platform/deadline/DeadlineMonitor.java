package cn.approvalbridge.hub.platform.deadline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.approval.ApprovalItems;
import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.OutboxRelay;
import io.quarkus.scheduler.Scheduled;

/**
 * Early warning and escalation (预警, 督办) of every department limit the hub tracks: pre-review (step 2), the item list
 * (step 4), the material review (step 5) and the approval itself (step 6). A department still owing its answer on the
 * warning day gets DEADLINE_WARNING (SMS to its duty desk, hub.departments.&lt;code&gt;.duty-mobile: it is the one that
 * must act); still owing it after its due day, OVERDUE_ESCALATION (SMS to its supervisor,
 * hub.departments.&lt;code&gt;.supervisor-mobile). Both are recorded in the project's trail. Each is raised once: a
 * conditional update claims it, in the same transaction as the trail entry and the outbox message of the SMS.
 * <p>
 * Nobody is warned for time that is not theirs: materials returned for correction (补正) stop the review clock, and an
 * item waiting for its prerequisite's result (法定前置) is not counted until that result has been forwarded.
 */
@ApplicationScoped
public class DeadlineMonitor {

    private static final Logger LOG = Logger.getLogger(DeadlineMonitor.class);

    /**
     * One limit the monitor watches. {@code candidates} selects (declaration id, key 1, key 2, department, subject,
     * due day, round) for rows due a warning or an escalation (two "today" parameters); the claims take (now, key 1,
     * key 2) and update one row only while it still owes its answer and has not been warned (escalated) yet.
     */
    enum Phase {
        PRE_REVIEW("SELECT r.declaration_id, r.declaration_id, r.department_code, r.department_code, NULL, r.due_by, 0, "
                + "r.warn_on, r.warned_at, r.escalated_at FROM hub_department_review r JOIN hub_declaration d "
                + "ON d.declaration_id = r.declaration_id WHERE d.status = 'PRE_REVIEW' AND r.decision IS NULL AND "
                + "((r.warn_on <= ? AND r.warned_at IS NULL) OR (r.due_by < ? AND r.escalated_at IS NULL))",
                "UPDATE hub_department_review SET warned_at = ? WHERE declaration_id = ? AND department_code = ? "
                        + "AND decision IS NULL AND warned_at IS NULL",
                "UPDATE hub_department_review SET escalated_at = ?, status = 'OVERDUE' WHERE declaration_id = ? "
                        + "AND department_code = ? AND decision IS NULL AND escalated_at IS NULL"),
        ITEM_LIST("SELECT l.declaration_id, l.project_code, l.department_code, l.department_code, NULL, l.due_by, 0, "
                + "COALESCE(l.warn_on, l.due_by), l.warned_at, l.escalated_at FROM hub_item_list l WHERE l.status = 'PENDING' "
                + "AND ((COALESCE(l.warn_on, l.due_by) <= ? AND l.warned_at IS NULL) OR (l.due_by < ? AND l.escalated_at IS NULL))",
                "UPDATE hub_item_list SET warned_at = ? WHERE project_code = ? AND department_code = ? "
                        + "AND status = 'PENDING' AND warned_at IS NULL",
                "UPDATE hub_item_list SET escalated_at = ? WHERE project_code = ? AND department_code = ? "
                        + "AND status = 'PENDING' AND escalated_at IS NULL"),
        REVIEW("SELECT d.declaration_id, i.project_code, i.item_code, i.department_code, i.item_name, i.review_due_by, "
                + "i.return_count, COALESCE(i.review_warn_on, i.review_due_by), i.review_warned_at, i.review_escalated_at "
                + "FROM hub_project_item i JOIN hub_declaration d ON d.project_code = i.project_code "
                + "WHERE i.status = 'SUBMITTED' AND ((COALESCE(i.review_warn_on, i.review_due_by) <= ? "
                + "AND i.review_warned_at IS NULL) OR (i.review_due_by < ? AND i.review_escalated_at IS NULL))",
                "UPDATE hub_project_item SET review_warned_at = ? WHERE project_code = ? AND item_code = ? "
                        + "AND status = 'SUBMITTED' AND review_warned_at IS NULL",
                "UPDATE hub_project_item SET review_escalated_at = ? WHERE project_code = ? AND item_code = ? "
                        + "AND status = 'SUBMITTED' AND review_escalated_at IS NULL"),
        APPROVAL("SELECT d.declaration_id, i.project_code, i.item_code, i.department_code, i.item_name, i.due_by, 0, "
                + "COALESCE(i.warn_on, i.due_by), i.warned_at, i.escalated_at FROM hub_project_item i JOIN hub_declaration d "
                + "ON d.project_code = i.project_code WHERE i.status = 'ACCEPTED' AND i.decision IS NULL "
                + "AND ((COALESCE(i.warn_on, i.due_by) <= ? AND i.warned_at IS NULL) OR (i.due_by < ? AND i.escalated_at IS NULL))",
                "UPDATE hub_project_item SET warned_at = ? WHERE project_code = ? AND item_code = ? "
                        + "AND status = 'ACCEPTED' AND decision IS NULL AND warned_at IS NULL",
                "UPDATE hub_project_item SET escalated_at = ? WHERE project_code = ? AND item_code = ? "
                        + "AND status = 'ACCEPTED' AND decision IS NULL AND escalated_at IS NULL");

        final String candidates;
        final String claimWarning;
        final String claimEscalation;

        Phase(String candidates, String claimWarning, String claimEscalation) {
            this.candidates = candidates;
            this.claimWarning = claimWarning;
            this.claimEscalation = claimEscalation;
        }
    }

    /** A row owing its answer, as the candidates query reads it. */
    record Due(Phase phase, String declarationId, String key1, String key2, String departmentCode, String itemName,
            LocalDate dueBy, int round, LocalDate warnOn, OffsetDateTime warnedAt, OffsetDateTime escalatedAt) {
    }

    @Inject
    Db db;

    @Inject
    Deadlines deadlines;

    @Inject
    Departments departments;

    @Inject
    Escalations escalations;

    @Inject
    OutboxRelay relay;

    @Inject
    ObjectMapper json;

    @Scheduled(every = "{hub.deadlines.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "10s")
    void scheduled() {
        check();
    }

    /** Raises what is due today; returns how many warnings and escalations it raised. */
    public int check() {
        LocalDate today = deadlines.today();
        int raised = 0;
        for (Phase phase : Phase.values()) {
            List<Due> due = db.read(c -> Db.list(c, phase.candidates, rs -> new Due(phase, rs.getString(1), rs.getString(2),
                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), rs.getInt(7),
                    rs.getObject(8, LocalDate.class), rs.getObject(9, OffsetDateTime.class),
                    rs.getObject(10, OffsetDateTime.class)), today, today));
            for (Due d : due) {
                try {
                    raised += raise(d, today);
                } catch (RuntimeException e) {
                    // one row's failure (a store hiccup) must not starve the others; it is retried on the next check
                    LOG.warnf(e, "Deadline check of %s %s/%s failed; retried next time", d.phase(), d.key1(), d.key2());
                }
            }
        }
        if (raised > 0) {
            LOG.infof("Deadline monitor raised %d warning(s)/escalation(s)", raised);
        }
        return raised;
    }

    private int raise(Due d, LocalDate today) {
        List<Outbox.Message> messages = new ArrayList<>();
        int raised = db.inTransaction(c -> {
            Declarations.Row row = Declarations.lock(c, d.declarationId()).orElseThrow();
            if (d.phase() == Phase.PRE_REVIEW && row.status() != Declarations.Status.PRE_REVIEW) {
                return 0;
            }
            if (d.phase() == Phase.APPROVAL && waitingForPrerequisite(c, d)) {
                return 0;
            }
            OffsetDateTime now = deadlines.now().toOffsetDateTime();
            String subject = subject(d, row);
            int n = 0;
            if (!d.warnOn().isAfter(today) && d.warnedAt() == null && escalations.raise(c, new Escalations.Notice(
                    d.phase().claimWarning, List.of(now, d.key1(), d.key2()), d.declarationId(), "deadline-monitor",
                    "DEADLINE_WARNING", payload(d, null), departments.dutyMobile(d.departmentCode()),
                    eventId("DEADLINE_WARNING", d), row.projectCode(), row.projectName(),
                    Map.of("itemName", subject, "deadline", d.dueBy().toString())), messages)) {
                n++;
            }
            int overdue = Math.max(1, deadlines.overdueDays(d.dueBy(), today));
            if (d.dueBy().isBefore(today) && d.escalatedAt() == null && escalations.raise(c, new Escalations.Notice(
                    d.phase().claimEscalation, List.of(now, d.key1(), d.key2()), d.declarationId(), "deadline-monitor",
                    "OVERDUE_ESCALATION", payload(d, overdue), departments.supervisorMobile(d.departmentCode()),
                    eventId("OVERDUE_ESCALATION", d), row.projectCode(), row.projectName(),
                    Map.of("itemName", subject, "overdueDays", Integer.toString(overdue))), messages)) {
                n++;
            }
            return n;
        });
        messages.forEach(relay::relay);
        return raised;
    }

    /** An accepted item whose prerequisite is still undecided: the department cannot decide yet, its time is not running. */
    private static boolean waitingForPrerequisite(Connection c, Due d) throws SQLException {
        List<ApprovalItems.Item> items = ApprovalItems.items(c, d.key1());
        return items.stream().filter(i -> i.itemCode().equals(d.key2())).anyMatch(i -> !i.pendingPrerequisites(items).isEmpty());
    }

    /** What is late, as the SMS names it (the template adds the project's name). */
    private String subject(Due d, Declarations.Row row) {
        String dept = departments.name(d.departmentCode());
        return switch (d.phase()) {
            case PRE_REVIEW -> "立项预审（" + dept + "，申报号" + d.declarationId() + "）";
            case ITEM_LIST -> "审批事项清单（" + dept + "，项目代码" + row.projectCode() + "）";
            case REVIEW -> "材料审查：" + d.itemName() + "（" + dept + "，项目代码" + row.projectCode() + "）";
            case APPROVAL -> "审批办理：" + d.itemName() + "（" + dept + "，项目代码" + row.projectCode() + "）";
        };
    }

    /** Deterministic: the notification function sends each at most once. Pre-review's keep their earlier form. */
    private static String eventId(String event, Due d) {
        return switch (d.phase()) {
            case PRE_REVIEW -> event + ":" + d.declarationId() + ":" + d.departmentCode();
            case ITEM_LIST -> event + ":ITEM_LIST:" + d.key1() + ":" + d.departmentCode();
            case REVIEW -> event + ":REVIEW:" + d.key1() + ":" + d.key2() + ":" + d.round();
            case APPROVAL -> event + ":APPROVAL:" + d.key1() + ":" + d.key2();
        };
    }

    private String payload(Due d, Integer overdueDays) {
        ObjectNode p = json.createObjectNode();
        p.put("phase", d.phase().name());
        p.put("departmentCode", d.departmentCode());
        if (d.phase() == Phase.REVIEW || d.phase() == Phase.APPROVAL) {
            p.put("itemCode", d.key2());
        }
        p.put("dueBy", d.dueBy().toString());
        if (overdueDays != null) {
            p.put("overdueDays", overdueDays);
        }
        return p.toString();
    }
}
