package cn.approvalbridge.hub.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.approval.ApprovalItems;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.support.WorkingCalendar;

/**
 * The approval progress ledger (审批进度台账): every declared project, coded or not, with its step, its whole-project
 * limit and the department limits it is overdue on. The plain columns are filtered in SQL; the step, the overdue items
 * and the departments are worked out per project from the flows' rows (a county's few thousand projects a year).
 */
@ApplicationScoped
public class Ledger {

    /** One overdue department limit of a project. */
    public record OverdueItem(String phase, String departmentCode, String departmentName, String itemCode,
            LocalDate dueBy, int overdueDays) {
    }

    /** One line of the ledger. */
    public record Entry(String declarationId, String projectCode, String projectName, String step, String status,
            String projectClass, String projectList, String keyProject, OffsetDateTime declaredAt,
            ProjectLimits.Limit limit, boolean overdue, List<String> departments, List<OverdueItem> overdueItems) {
    }

    public record Page(List<Entry> items, int page, int size, int total) {
    }

    @Inject
    Db db;

    @Inject
    ProjectLimits limits;

    @Inject
    DepartmentDeadlines deadlineRows;

    @Inject
    Deadlines deadlines;

    @Inject
    WorkingCalendar calendar;

    @Inject
    Departments departments;

    /** Every project the query selects, sorted; {@link #page} cuts one page of it. */
    public List<Entry> select(LedgerQuery q) {
        LocalDate today = deadlines.today();
        StringBuilder sql = new StringBuilder("SELECT * FROM hub_declaration WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.projectClass() != null) {
            sql.append(" AND project_class = ?");
            args.add(q.projectClass());
        }
        if (q.projectList() != null) {
            sql.append(" AND project_list = ?");
            args.add(q.projectList());
        }
        if (q.keyProject() != null) {
            sql.append(" AND key_project = ?");
            args.add(q.keyProject());
        }
        if (q.declaredFrom() != null) {
            sql.append(" AND received_at >= ?");
            args.add(q.declaredFrom().atStartOfDay(ChinaTime.ZONE).toOffsetDateTime());
        }
        if (q.declaredTo() != null) {
            sql.append(" AND received_at < ?");
            args.add(q.declaredTo().plusDays(1).atStartOfDay(ChinaTime.ZONE).toOffsetDateTime());
        }
        if (q.q() != null) {
            sql.append(" AND (LOWER(project_name) LIKE ? OR LOWER(project_code) LIKE ?)");
            String like = "%" + q.q().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
            args.add(like);
            args.add(like);
        }
        if (q.department() != null) {
            sql.append(" AND declaration_id IN (SELECT declaration_id FROM hub_department_review WHERE department_code = ?)");
            args.add(q.department());
        }
        List<Entry> out = db.read(c -> {
            List<Entry> entries = new ArrayList<>();
            for (Declarations.Row row : Db.list(c, sql.toString(), Declarations::rowOf, args.toArray())) {
                List<ApprovalItems.Item> items = row.projectCode() == null ? List.of()
                        : ApprovalItems.items(c, row.projectCode());
                List<ApprovalItems.ItemList> lists = row.projectCode() == null ? List.of()
                        : ApprovalItems.lists(c, row.projectCode());
                var times = Db.one(c, "SELECT project_warned_at, project_escalated_at FROM hub_declaration "
                        + "WHERE declaration_id = ?", rs -> new OffsetDateTime[] { Db.time(rs, "project_warned_at"),
                                Db.time(rs, "project_escalated_at") }, row.declarationId()).orElseThrow();
                ProjectLimits.Limit l = limits.limit(row, items, lists, today, times[0], times[1]);
                List<String> depts = Db.list(c, "SELECT department_code FROM hub_department_review WHERE declaration_id = ? "
                        + "ORDER BY department_code", rs -> rs.getString(1), row.declarationId());
                List<OverdueItem> late = deadlineRows.all(c, row.declarationId()).stream()
                        .filter(d -> d.overdueOn(today))
                        .map(d -> new OverdueItem(d.phase(), d.departmentCode(), departments.name(d.departmentCode()),
                                d.itemCode(), d.dueBy(), calendar.workingDaysBetween(d.dueBy(), today)))
                        .toList();
                entries.add(new Entry(row.declarationId(), row.projectCode(), row.projectName(), l.step(),
                        row.status().name(), l.projectClass(), row.projectList(), row.keyProject(), row.receivedAt(), l,
                        l.overdue() || !late.isEmpty(), depts, late));
            }
            return entries;
        });
        List<Entry> kept = out.stream()
                .filter(e -> q.step() == null || q.step().equals(e.step()))
                .filter(e -> q.overdue() == null || q.overdue() == overdue(e, q.department()))
                .sorted(order(q))
                .toList();
        return kept;
    }

    /** Overdue at all, or (with a department filter) on a limit of that department. */
    static boolean overdue(Entry e, String department) {
        if (department == null) {
            return e.overdue();
        }
        return e.overdueItems().stream().anyMatch(i -> i.departmentCode().equals(department));
    }

    public Page page(LedgerQuery q) {
        List<Entry> all = select(q);
        int from = (int) Math.min((long) (q.page() - 1) * q.size(), all.size());
        int to = Math.min(from + q.size(), all.size());
        return new Page(all.subList(from, to), q.page(), q.size(), all.size());
    }

    private static Comparator<Entry> order(LedgerQuery q) {
        Comparator<Entry> by = switch (q.sort()) {
            case "dueBy" -> Comparator.comparing(e -> e.limit().dueBy());
            case "daysLeft" -> Comparator.comparing(e -> e.limit().daysLeft(),
                    Comparator.nullsLast(Comparator.naturalOrder()));
            case "projectName" -> Comparator.comparing(Entry::projectName);
            case "projectCode" -> Comparator.comparing(Entry::projectCode, Comparator.nullsLast(Comparator.naturalOrder()));
            case "declarationId" -> Comparator.comparing(Entry::declarationId);
            case "overdueItems" -> Comparator.comparing(e -> e.overdueItems().size());
            default -> Comparator.comparing(Entry::declaredAt);
        };
        if (q.descending()) {
            by = by.reversed();
        }
        // a stable order across pages for equal keys
        return by.thenComparing(Entry::declarationId);
    }

    /** The JSON form of one line. */
    public static Map<String, Object> json(Entry e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("declarationId", e.declarationId());
        v.put("projectCode", e.projectCode());
        v.put("projectName", e.projectName());
        v.put("step", e.step());
        v.put("status", e.status());
        v.put("projectClass", e.projectClass());
        v.put("projectList", e.projectList());
        v.put("keyProject", e.keyProject());
        v.put("declaredAt", ChinaTime.text(e.declaredAt()));
        v.put("dueBy", e.limit().dueBy().toString());
        v.put("daysLeft", e.limit().daysLeft());
        v.put("overdue", e.overdue());
        v.put("projectOverdue", e.limit().overdue());
        v.put("departments", e.departments());
        List<Map<String, Object>> items = new ArrayList<>();
        for (OverdueItem i : e.overdueItems()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("phase", i.phase());
            m.put("departmentCode", i.departmentCode());
            m.put("departmentName", i.departmentName());
            m.put("itemCode", i.itemCode());
            m.put("dueBy", i.dueBy().toString());
            m.put("overdueDays", i.overdueDays());
            items.add(m);
        }
        v.put("overdueItems", items);
        return v;
    }
}
