package cn.approvalbridge.hub.supervision;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.deadline.DeadlineWatch;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.Db;

/**
 * The whole-project limit, watched like the departments' steps: a warning on the working day that uses up
 * hub.deadlines.warning-share of it (to hub.project-limits.warning-mobile, the window's desk that follows the project
 * through), an escalation the working day after its due day (to hub.project-limits.escalation-mobile, the
 * supervisor's), each once, in the trail with phase PROJECT and the departments then overdue.
 */
@ApplicationScoped
public class ProjectLimitWatch implements DeadlineWatch<Declarations.Row> {

    static final String CLAIM_WARNING = "UPDATE hub_declaration SET project_warned_at = ? WHERE declaration_id = ? "
            + "AND project_warned_at IS NULL";
    static final String CLAIM_ESCALATION = "UPDATE hub_declaration SET project_escalated_at = ? WHERE declaration_id = ? "
            + "AND project_escalated_at IS NULL";

    @Inject
    Db db;

    @Inject
    ProjectLimits limits;

    @Inject
    Deadlines deadlines;

    @Inject
    DepartmentDeadlines departmentDeadlines;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "hub.project-limits.warning-mobile")
    Optional<String> warningMobile;

    @ConfigProperty(name = "hub.project-limits.escalation-mobile")
    Optional<String> escalationMobile;

    @Override
    public List<Declarations.Row> due(LocalDate today) {
        List<Declarations.Row> rows = db.read(c -> Db.list(c, "SELECT * FROM hub_declaration WHERE status NOT IN "
                + "('PRE_REVIEW_REJECTED', 'CODE_ASSIGNMENT_FAILED') AND (project_warned_at IS NULL OR "
                + "project_escalated_at IS NULL)", ProjectLimitWatch::row));
        List<Declarations.Row> due = new ArrayList<>();
        for (Declarations.Row r : rows) {
            ProjectLimits.Limit l = db.read(c -> limits.limit(c, r, today));
            if (!l.closed() && ((l.warnedAt() == null && !l.warnOn().isAfter(today))
                    || (l.escalatedAt() == null && l.dueBy().isBefore(today)))) {
                due.add(r);
            }
        }
        return due;
    }

    @Override
    public String describe(Declarations.Row row) {
        return "PROJECT " + row.declarationId();
    }

    @Override
    public Optional<Watched> recheck(Connection c, Declarations.Row d) throws SQLException {
        Declarations.Row row = Declarations.lock(c, d.declarationId()).orElseThrow();
        LocalDate today = deadlines.today();
        ProjectLimits.Limit l = limits.limit(c, row, today);
        if (l.closed()) {
            return Optional.empty();
        }
        String subject = "项目审批总时限（" + l.limitDays() + "个工作日，"
                + (row.projectCode() != null ? "项目代码" + row.projectCode() : "申报号" + row.declarationId()) + "）";
        List<Object> keys = List.of(row.declarationId());
        List<String> late = departmentDeadlines.all(c, row.declarationId()).stream()
                .filter(x -> x.overdueOn(today)).map(DepartmentDeadlines.Deadline::departmentCode).distinct().sorted()
                .toList();
        return Optional.of(new Watched(row.declarationId(), row.projectCode(), row.projectName(), "deadline-monitor",
                subject, l.warnOn(), l.dueBy(), l.warnedAt() != null, l.escalatedAt() != null,
                new Raise(CLAIM_WARNING, keys, "DEADLINE_WARNING:PROJECT:" + row.declarationId(), warningMobile),
                new Raise(CLAIM_ESCALATION, keys, "OVERDUE_ESCALATION:PROJECT:" + row.declarationId(), escalationMobile),
                overdue -> payload(l, late, overdue), payload(l, late, null), List.of(row.declarationId())));
    }

    @Override
    public String name() {
        return "project-limit";
    }

    /** The item is the declaration: owed while its escalation stands and the project is not through (or rejected). */
    @Override
    public boolean stillOwed(Connection c, List<String> item) throws SQLException {
        Optional<Declarations.Row> row = Declarations.lock(c, item.get(0));
        if (row.isEmpty()) {
            return false;
        }
        ProjectLimits.Limit l = limits.limit(c, row.get(), deadlines.today());
        return l.escalatedAt() != null && !l.closed();
    }

    private String payload(ProjectLimits.Limit l, List<String> late, Integer overdueDays) {
        ObjectNode p = json.createObjectNode();
        p.put("phase", "PROJECT");
        p.put("projectClass", l.projectClass());
        p.put("limitWorkingDays", l.limitDays());
        p.put("pausedWorkingDays", l.pausedDays());
        p.put("dueBy", l.dueBy().toString());
        if (overdueDays != null) {
            p.put("overdueDays", overdueDays);
        }
        p.set("overdueDepartments", json.valueToTree(late));
        return p.toString();
    }

    static Declarations.Row row(java.sql.ResultSet rs) throws SQLException {
        return Declarations.rowOf(rs);
    }
}
