package cn.approvalbridge.hub.approval;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import cn.approvalbridge.support.Db;

/** The hub's rows for steps 4-7: each department's item list and each required approval item. */
public final class ApprovalItems {

    public static final List<String> STAGES = List.of("立项用地规划许可", "工程建设许可", "施工许可", "竣工验收");

    public record ItemList(String projectCode, String departmentCode, String status, LocalDate dueBy,
            OffsetDateTime answeredAt, String bodySha256, OffsetDateTime warnedAt, OffsetDateTime escalatedAt) {
    }

    public record Item(String projectCode, String itemCode, String departmentCode, String itemName, int timeLimitDays,
            String stage, List<String> prerequisites, String status, LocalDate reviewDueBy, LocalDate returnedOn,
            Integer reviewDaysLeft, int pausedDays, int returnCount, String returnReasons, OffsetDateTime acceptedAt,
            LocalDate dueBy, String decision, String documentNumber, LocalDate documentDate, String opinion,
            String decidedBy, OffsetDateTime decidedAt, OffsetDateTime reviewWarnedAt, OffsetDateTime reviewEscalatedAt,
            OffsetDateTime warnedAt, OffsetDateTime escalatedAt, int application, OffsetDateTime withdrawnAt,
            String withdrawalReason) {
        public static final String WITHDRAWN = "WITHDRAWN";

        public boolean decided() {
            return decision != null;
        }

        /** Prerequisites on the project's list still undecided (one not on the list binds nothing: not needed here). */
        public List<String> pendingPrerequisites(List<Item> all) {
            return prerequisites.stream()
                    .filter(p -> all.stream().anyMatch(x -> x.itemCode().equals(p) && !x.decided()))
                    .toList();
        }
    }

    private ApprovalItems() {
    }

    public static List<ItemList> lists(Connection c, String projectCode) throws SQLException {
        return Db.list(c, "SELECT * FROM hub_item_list WHERE project_code = ? ORDER BY department_code",
                rs -> new ItemList(rs.getString("project_code"), rs.getString("department_code"), rs.getString("status"),
                        Db.date(rs, "due_by"), Db.time(rs, "answered_at"), rs.getString("body_sha256"),
                        Db.time(rs, "warned_at"), Db.time(rs, "escalated_at")), projectCode);
    }

    public static List<Item> items(Connection c, String projectCode) throws SQLException {
        return Db.list(c, "SELECT * FROM hub_project_item WHERE project_code = ? ORDER BY item_code", rs -> new Item(
                rs.getString("project_code"), rs.getString("item_code"), rs.getString("department_code"),
                rs.getString("item_name"), rs.getInt("time_limit_days"), rs.getString("stage"),
                rs.getString("prerequisites") == null || rs.getString("prerequisites").isEmpty() ? List.of()
                        : List.of(rs.getString("prerequisites").split(",")),
                rs.getString("status"), Db.date(rs, "review_due_by"), Db.date(rs, "returned_on"),
                (Integer) rs.getObject("review_days_left", Integer.class), rs.getInt("paused_days"),
                rs.getInt("return_count"), rs.getString("return_reasons"), Db.time(rs, "accepted_at"),
                Db.date(rs, "due_by"), rs.getString("decision"), rs.getString("document_number"),
                Db.date(rs, "document_date"), rs.getString("opinion"), rs.getString("decided_by"),
                Db.time(rs, "decided_at"), Db.time(rs, "review_warned_at"), Db.time(rs, "review_escalated_at"),
                Db.time(rs, "warned_at"), Db.time(rs, "escalated_at"), rs.getInt("application_no"),
                Db.time(rs, "withdrawn_at"), rs.getString("withdrawal_reason")), projectCode);
    }

    /** The earliest stage with an undecided item; 竣工验收 once all are decided; null before any item is listed. */
    public static String stage(List<Item> items) {
        if (items.isEmpty()) {
            return null;
        }
        return items.stream().filter(i -> !i.decided()).map(Item::stage).min((a, b) -> STAGES.indexOf(a) - STAGES.indexOf(b))
                .orElse(STAGES.get(STAGES.size() - 1));
    }
}
