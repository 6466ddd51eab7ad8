package cn.approvalbridge.hub.supervision;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.approvalbridge.hub.approval.ApprovalItems;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;

/**
 * Every limit a review department owes or owed, read from the flows' own rows: the pre-review opinion, the item list,
 * the material review and the approval. The ledger's overdue items, the department filter and the monthly ranking all
 * count from this one list, so they can never disagree.
 */
@ApplicationScoped
public class DepartmentDeadlines {

    /**
     * One limit. {@code answeredOn}: the day the department gave its answer (null: still owed); {@code running}: still
     * owed and the department's own time (not while materials are back with the unit or an item awaits a
     * prerequisite, not once the project can no longer move, e.g. after another department's rejection).
     */
    public record Deadline(String declarationId, String projectCode, String phase, String departmentCode,
            String itemCode, LocalDate dueBy, int limitDays, LocalDate answeredOn, OffsetDateTime escalatedAt,
            boolean running) {

        public boolean overdueOn(LocalDate day) {
            return running && dueBy.isBefore(day);
        }
    }

    @Inject
    Db db;

    @ConfigProperty(name = "hub.deadlines.pre-review-working-days")
    int preReviewDays;

    @ConfigProperty(name = "hub.deadlines.item-list-working-days")
    int itemListDays;

    @ConfigProperty(name = "hub.deadlines.material-review-working-days")
    int reviewDays;

    /** Every department limit of every project, or of one declaration ({@code declarationId} not null). */
    public List<Deadline> all(String declarationId) {
        return db.read(c -> all(c, declarationId));
    }

    /** By declaration id. */
    public Map<String, List<Deadline>> byDeclaration() {
        return all(null).stream().collect(Collectors.groupingBy(Deadline::declarationId));
    }

    List<Deadline> all(Connection c, String declarationId) throws SQLException {
        String one = declarationId == null ? "" : " AND d.declaration_id = ?";
        Object[] args = declarationId == null ? new Object[0] : new Object[] { declarationId };
        List<Deadline> out = new ArrayList<>();
        out.addAll(Db.list(c, "SELECT d.declaration_id, d.project_code, r.department_code, r.due_by, r.answered_at, "
                + "r.escalated_at, d.status, r.decision FROM hub_department_review r JOIN hub_declaration d "
                + "ON d.declaration_id = r.declaration_id WHERE 1 = 1" + one,
                rs -> new Deadline(rs.getString(1), rs.getString(2), "PRE_REVIEW", rs.getString(3), null,
                        Db.date(rs, "due_by"), preReviewDays, day(Db.time(rs, "answered_at")), Db.time(rs, "escalated_at"),
                        "PRE_REVIEW".equals(rs.getString(7)) && rs.getString(8) == null), args));
        out.addAll(Db.list(c, "SELECT d.declaration_id, l.project_code, l.department_code, l.due_by, l.answered_at, "
                + "l.escalated_at, l.status FROM hub_item_list l JOIN hub_declaration d ON d.project_code = l.project_code "
                + "WHERE 1 = 1" + one,
                rs -> new Deadline(rs.getString(1), rs.getString(2), "ITEM_LIST", rs.getString(3), null,
                        Db.date(rs, "due_by"), itemListDays, day(Db.time(rs, "answered_at")), Db.time(rs, "escalated_at"),
                        "PENDING".equals(rs.getString(7))), args));
        List<String> coded = Db.list(c, "SELECT d.project_code FROM hub_declaration d WHERE d.project_code IS NOT NULL "
                + "AND EXISTS (SELECT 1 FROM hub_project_item i WHERE i.project_code = d.project_code)" + one,
                rs -> rs.getString(1), args);
        Map<String, String> declarations = Db.list(c, "SELECT d.project_code, d.declaration_id FROM hub_declaration d "
                + "WHERE d.project_code IS NOT NULL" + one, rs -> Map.entry(rs.getString(1), rs.getString(2)), args)
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        for (String code : coded) {
            List<ApprovalItems.Item> items = ApprovalItems.items(c, code);
            for (ApprovalItems.Item i : items) {
                items(declarations.get(code), i, items, out);
            }
        }
        return out;
    }

    private void items(String declarationId, ApprovalItems.Item i, List<ApprovalItems.Item> items, List<Deadline> out) {
        if (i.reviewDueBy() != null) {
            // a review ends with acceptance, or with the materials returned (补正: the unit's time from then on)
            LocalDate reviewed = i.acceptedAt() != null ? day(i.acceptedAt())
                    : "RETURNED".equals(i.status()) ? i.returnedOn() : null;
            out.add(new Deadline(declarationId, i.projectCode(), "REVIEW", i.departmentCode(), i.itemCode(),
                    i.reviewDueBy(), reviewDays, reviewed, i.reviewEscalatedAt(), "SUBMITTED".equals(i.status())));
        }
        if (i.dueBy() != null) {
            boolean running = "ACCEPTED".equals(i.status()) && !i.decided() && i.pendingPrerequisites(items).isEmpty();
            out.add(new Deadline(declarationId, i.projectCode(), "APPROVAL", i.departmentCode(), i.itemCode(), i.dueBy(),
                    i.timeLimitDays(), day(i.decidedAt()), i.escalatedAt(), running));
        }
    }

    private static LocalDate day(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(ChinaTime.ZONE).toLocalDate();
    }
}
