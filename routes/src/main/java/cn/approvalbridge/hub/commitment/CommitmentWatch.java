package cn.approvalbridge.hub.commitment;

import java.sql.Connection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.prereview.DepartmentWatch;

/**
 * The limits the commitment flow watches like every other (warning to the department's duty desk, escalation to its
 * supervisor): the follow-up check of each approval given on a commitment (100% checked, by its day), and each
 * material accepted missing (容缺), owed by the unit but followed up by the department that accepted it.
 */
@ApplicationScoped
public class CommitmentWatch extends DepartmentWatch {

    static final Limit CHECK = new Limit("COMMITMENT_CHECK",
            "SELECT m.declaration_id, m.project_code, m.item_code, m.department_code, i.item_name, m.check_due_by, 0, "
                    + "m.check_warn_on, m.check_warned_at, m.check_escalated_at FROM hub_commitment m "
                    + "JOIN hub_project_item i ON i.project_code = m.project_code AND i.item_code = m.item_code "
                    + "WHERE m.status = 'APPROVED' AND m.check_outcome IS NULL AND ((m.check_warn_on <= ? "
                    + "AND m.check_warned_at IS NULL) OR (m.check_due_by < ? AND m.check_escalated_at IS NULL))",
            "UPDATE hub_commitment SET check_warned_at = ? WHERE project_code = ? AND item_code = ? "
                    + "AND status = 'APPROVED' AND check_outcome IS NULL AND check_warned_at IS NULL",
            "UPDATE hub_commitment SET check_escalated_at = ? WHERE project_code = ? AND item_code = ? "
                    + "AND status = 'APPROVED' AND check_outcome IS NULL AND check_escalated_at IS NULL",
            "SELECT 1 FROM hub_commitment WHERE project_code = ? AND item_code = ? AND status = 'APPROVED' "
                    + "AND check_outcome IS NULL AND check_escalated_at IS NOT NULL");

    /** Key 2 is "<item>|<material>": one limit per material, as each may have its own day. */
    static final Limit SHORTFALL = new Limit("SHORTFALL",
            "SELECT s.declaration_id, s.project_code, s.item_code || '|' || s.material, s.department_code, "
                    + "s.material, s.due_by, 0, s.warn_on, s.warned_at, s.escalated_at FROM hub_shortfall s "
                    + "WHERE s.supplied_at IS NULL AND ((s.warn_on <= ? AND s.warned_at IS NULL) "
                    + "OR (s.due_by < ? AND s.escalated_at IS NULL))",
            "UPDATE hub_shortfall SET warned_at = ? WHERE project_code = ? AND item_code || '|' || material = ? "
                    + "AND supplied_at IS NULL AND warned_at IS NULL",
            "UPDATE hub_shortfall SET escalated_at = ? WHERE project_code = ? AND item_code || '|' || material = ? "
                    + "AND supplied_at IS NULL AND escalated_at IS NULL",
            "SELECT 1 FROM hub_shortfall WHERE project_code = ? AND item_code || '|' || material = ? "
                    + "AND supplied_at IS NULL AND escalated_at IS NOT NULL");

    @Override
    public String name() {
        return "commitment";
    }

    @Override
    protected List<Limit> limits() {
        return List.of(CHECK, SHORTFALL);
    }

    @Override
    protected boolean runs(Connection c, Due d, Declarations.Row row) {
        return true;
    }

    @Override
    protected String subject(Due d, Declarations.Row row, String departmentName) {
        String in = "（" + departmentName + "，项目代码" + row.projectCode() + "）";
        return (d.limit() == CHECK ? "告知承诺事后核查：" : "容缺材料补交：") + d.itemName() + in;
    }

    @Override
    protected String eventId(String event, Due d) {
        return event + ":" + d.limit().name() + ":" + d.key1() + ":" + d.key2();
    }

    @Override
    protected boolean itemScoped(Due d) {
        return true;
    }
}
