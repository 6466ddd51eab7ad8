package cn.approvalbridge.hub.prereview;

import java.sql.Connection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/** Pre-review's limit (hub.deadlines.pre-review-working-days): each department asked owes its opinion. */
@ApplicationScoped
public class PreReviewWatch extends DepartmentWatch {

    static final Limit PRE_REVIEW = new Limit("PRE_REVIEW",
            "SELECT r.declaration_id, r.declaration_id, r.department_code, r.department_code, NULL, r.due_by, 0, "
                    + "r.warn_on, r.warned_at, r.escalated_at FROM hub_department_review r JOIN hub_declaration d "
                    + "ON d.declaration_id = r.declaration_id WHERE d.status = 'PRE_REVIEW' AND r.decision IS NULL AND "
                    + "((r.warn_on <= ? AND r.warned_at IS NULL) OR (r.due_by < ? AND r.escalated_at IS NULL))",
            "UPDATE hub_department_review SET warned_at = ? WHERE declaration_id = ? AND department_code = ? "
                    + "AND decision IS NULL AND warned_at IS NULL",
            "UPDATE hub_department_review SET escalated_at = ?, status = 'OVERDUE' WHERE declaration_id = ? "
                    + "AND department_code = ? AND decision IS NULL AND escalated_at IS NULL",
            // owed while the declaration is still in pre-review: once another department rejected it (or it was
            // withdrawn), the silent one owes nothing any more
            "SELECT 1 FROM hub_department_review r JOIN hub_declaration d ON d.declaration_id = r.declaration_id "
                    + "WHERE r.declaration_id = ? AND r.department_code = ? AND r.decision IS NULL "
                    + "AND r.escalated_at IS NOT NULL AND d.status = 'PRE_REVIEW'");

    @Override
    public String name() {
        return "pre-review";
    }

    @Override
    protected List<Limit> limits() {
        return List.of(PRE_REVIEW);
    }

    @Override
    protected boolean runs(Connection c, Due d, Declarations.Row row) {
        return row.status() == Declarations.Status.PRE_REVIEW;
    }

    @Override
    protected String subject(Due d, Declarations.Row row, String departmentName) {
        return "立项预审（" + departmentName + "，申报号" + d.declarationId() + "）";
    }

    @Override
    protected String eventId(String event, Due d) {
        return event + ":" + d.declarationId() + ":" + d.departmentCode();
    }

    @Override
    protected boolean itemScoped(Due d) {
        return false;
    }
}
