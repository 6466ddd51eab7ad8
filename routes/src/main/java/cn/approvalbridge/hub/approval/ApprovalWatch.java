package cn.approvalbridge.hub.approval;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.prereview.DepartmentWatch;

/**
 * The departments' limits of steps 4-6: the item list, the material review and the approval itself. Nobody is warned
 * for time that is not theirs: materials returned for correction (补正) stop the review clock (the item is not
 * SUBMITTED meanwhile), and an item waiting for its prerequisite's result (法定前置) is not counted until that result
 * has been forwarded.
 */
@ApplicationScoped
public class ApprovalWatch extends DepartmentWatch {

    static final Limit ITEM_LIST = new Limit("ITEM_LIST",
            "SELECT l.declaration_id, l.project_code, l.department_code, l.department_code, NULL, l.due_by, 0, "
                    + "COALESCE(l.warn_on, l.due_by), l.warned_at, l.escalated_at FROM hub_item_list l "
                    + "WHERE l.status = 'PENDING' AND ((COALESCE(l.warn_on, l.due_by) <= ? AND l.warned_at IS NULL) "
                    + "OR (l.due_by < ? AND l.escalated_at IS NULL))",
            "UPDATE hub_item_list SET warned_at = ? WHERE project_code = ? AND department_code = ? "
                    + "AND status = 'PENDING' AND warned_at IS NULL",
            "UPDATE hub_item_list SET escalated_at = ? WHERE project_code = ? AND department_code = ? "
                    + "AND status = 'PENDING' AND escalated_at IS NULL",
            "SELECT 1 FROM hub_item_list WHERE project_code = ? AND department_code = ? AND status = 'PENDING' "
                    + "AND escalated_at IS NOT NULL");

    static final Limit REVIEW = new Limit("REVIEW",
            "SELECT d.declaration_id, i.project_code, i.item_code, i.department_code, i.item_name, i.review_due_by, "
                    + "i.return_count, COALESCE(i.review_warn_on, i.review_due_by), i.review_warned_at, "
                    + "i.review_escalated_at FROM hub_project_item i JOIN hub_declaration d "
                    + "ON d.project_code = i.project_code WHERE i.status = 'SUBMITTED' "
                    + "AND ((COALESCE(i.review_warn_on, i.review_due_by) <= ? AND i.review_warned_at IS NULL) "
                    + "OR (i.review_due_by < ? AND i.review_escalated_at IS NULL))",
            "UPDATE hub_project_item SET review_warned_at = ? WHERE project_code = ? AND item_code = ? "
                    + "AND status = 'SUBMITTED' AND review_warned_at IS NULL",
            "UPDATE hub_project_item SET review_escalated_at = ? WHERE project_code = ? AND item_code = ? "
                    + "AND status = 'SUBMITTED' AND review_escalated_at IS NULL",
            "SELECT 1 FROM hub_project_item WHERE project_code = ? AND item_code = ? AND status = 'SUBMITTED' "
                    + "AND review_escalated_at IS NOT NULL");

    static final Limit APPROVAL = new Limit("APPROVAL",
            "SELECT d.declaration_id, i.project_code, i.item_code, i.department_code, i.item_name, i.due_by, 0, "
                    + "COALESCE(i.warn_on, i.due_by), i.warned_at, i.escalated_at FROM hub_project_item i "
                    + "JOIN hub_declaration d ON d.project_code = i.project_code WHERE i.status = 'ACCEPTED' "
                    + "AND i.decision IS NULL AND ((COALESCE(i.warn_on, i.due_by) <= ? AND i.warned_at IS NULL) "
                    + "OR (i.due_by < ? AND i.escalated_at IS NULL))",
            "UPDATE hub_project_item SET warned_at = ? WHERE project_code = ? AND item_code = ? "
                    + "AND status = 'ACCEPTED' AND decision IS NULL AND warned_at IS NULL",
            "UPDATE hub_project_item SET escalated_at = ? WHERE project_code = ? AND item_code = ? "
                    + "AND status = 'ACCEPTED' AND decision IS NULL AND escalated_at IS NULL",
            "SELECT 1 FROM hub_project_item WHERE project_code = ? AND item_code = ? AND status = 'ACCEPTED' "
                    + "AND decision IS NULL AND escalated_at IS NOT NULL");

    @Override
    public String name() {
        return "approval";
    }

    @Override
    protected List<Limit> limits() {
        return List.of(ITEM_LIST, REVIEW, APPROVAL);
    }

    /** An accepted item whose prerequisite is still undecided: the department cannot decide yet, its time is not running. */
    @Override
    protected boolean runs(Connection c, Due d, Declarations.Row row) throws SQLException {
        if (d.limit() != APPROVAL) {
            return true;
        }
        List<ApprovalItems.Item> items = ApprovalItems.items(c, d.key1());
        return items.stream().filter(i -> i.itemCode().equals(d.key2())).noneMatch(i -> !i.pendingPrerequisites(items).isEmpty());
    }

    @Override
    protected String subject(Due d, Declarations.Row row, String departmentName) {
        String in = "（" + departmentName + "，项目代码" + row.projectCode() + "）";
        if (d.limit() == ITEM_LIST) {
            return "审批事项清单" + in;
        }
        return (d.limit() == REVIEW ? "材料审查：" : "审批办理：") + d.itemName() + in;
    }

    @Override
    protected String eventId(String event, Due d) {
        if (d.limit() == ITEM_LIST) {
            return event + ":ITEM_LIST:" + d.key1() + ":" + d.departmentCode();
        }
        return d.limit() == REVIEW ? event + ":REVIEW:" + d.key1() + ":" + d.key2() + ":" + d.round()
                : event + ":APPROVAL:" + d.key1() + ":" + d.key2();
    }

    @Override
    protected boolean itemScoped(Due d) {
        return d.limit() != ITEM_LIST;
    }
}
