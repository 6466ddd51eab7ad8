package cn.approvalbridge.hub.supervision;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import cn.approvalbridge.hub.approval.ApprovalItems;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.prereview.Declaration;
import cn.approvalbridge.hub.prereview.DeclarationFields;
import cn.approvalbridge.hub.prereview.DeclarationView;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.support.WorkingCalendar;

/**
 * The whole-project time limit (全流程审批时限) by the project's class (hub.project-limits.&lt;class&gt;: 70, 50 and 40
 * working days), counted like every step from the day the declaration was received, without the time its materials
 * were back with the unit for correction (补正): the longest correction time of any one of its items, so overlapping
 * rounds of several items count once. It ends when the project is rejected in pre-review, its code cannot be assigned,
 * or every listed item is decided.
 */
@ApplicationScoped
public class ProjectLimits implements DeclarationFields {

    static final Map<String, Integer> DEFAULT_LIMITS = Map.of("GOVERNMENT_INVESTED", 70, "SOCIAL_GENERAL", 50,
            "SMALL_SOCIAL", 40);

    /** Where a project stands against its whole-project limit, on {@code today}. */
    public record Limit(String projectClass, int limitDays, int pausedDays, LocalDate warnOn, LocalDate dueBy,
            boolean closed, Integer daysLeft, boolean overdue, String step, OffsetDateTime warnedAt,
            OffsetDateTime escalatedAt) {
    }

    @Inject
    Db db;

    @Inject
    Deadlines deadlines;

    @Inject
    WorkingCalendar calendar;

    @Inject
    Config config;

    public int limitDays(String projectClass) {
        String c = projectClass == null ? "SOCIAL_GENERAL" : projectClass;
        return config.getOptionalValue("hub.project-limits." + c, Integer.class)
                .orElse(DEFAULT_LIMITS.getOrDefault(c, DEFAULT_LIMITS.get("SOCIAL_GENERAL")));
    }

    public Limit limit(Declarations.Row row) {
        return db.read(c -> limit(c, row, deadlines.today()));
    }

    /** Inside a read or a transaction. */
    public Limit limit(Connection c, Declarations.Row row, LocalDate today) throws SQLException {
        List<ApprovalItems.Item> items = row.projectCode() == null ? List.of() : ApprovalItems.items(c, row.projectCode());
        List<ApprovalItems.ItemList> lists = row.projectCode() == null ? List.of()
                : ApprovalItems.lists(c, row.projectCode());
        var times = Db.one(c, "SELECT project_warned_at, project_escalated_at FROM hub_declaration WHERE declaration_id = ?",
                rs -> new OffsetDateTime[] { Db.time(rs, "project_warned_at"), Db.time(rs, "project_escalated_at") },
                row.declarationId()).orElse(new OffsetDateTime[2]);
        return limit(row, items, lists, today, times[0], times[1]);
    }

    Limit limit(Declarations.Row row, List<ApprovalItems.Item> items, List<ApprovalItems.ItemList> lists,
            LocalDate today, OffsetDateTime warnedAt, OffsetDateTime escalatedAt) {
        String projectClass = row.projectClass() == null ? Declaration.defaultClass(null) : row.projectClass();
        int limit = limitDays(projectClass);
        int paused = 0;
        for (ApprovalItems.Item i : items) {
            int p = i.pausedDays();
            if ("RETURNED".equals(i.status()) && i.returnedOn() != null) {
                p += calendar.workingDaysBetween(i.returnedOn(), today);
            }
            paused = Math.max(paused, p);
        }
        LocalDate receipt = deadlines.receiptDay(row.receivedAt().atZoneSameInstant(ChinaTime.ZONE));
        Deadlines.Limits l = deadlines.limitsFrom(receipt, limit);
        LocalDate due = calendar.addWorkingDays(l.dueBy(), paused);
        LocalDate warn = calendar.addWorkingDays(l.warnOn(), paused);
        String step = step(row, items, lists);
        boolean closed = row.status() == Declarations.Status.PRE_REVIEW_REJECTED
                || row.status() == Declarations.Status.CODE_ASSIGNMENT_FAILED || "COMPLETED".equals(step);
        Integer left = closed ? null : daysLeft(today, due);
        return new Limit(projectClass, limit, paused, warn, due, closed, left, !closed && due.isBefore(today), step,
                warnedAt, escalatedAt);
    }

    /** Working days from today to the due day; negative once past it (-1 from the day after it to the next working day). */
    int daysLeft(LocalDate today, LocalDate due) {
        return due.isBefore(today) ? -Math.max(1, calendar.workingDaysBetween(due, today))
                : calendar.workingDaysBetween(today, due);
    }

    /** The project's step: pre-review and code assignment, then the steps 4-7 of the approval flow. */
    static String step(Declarations.Row row, List<ApprovalItems.Item> items, List<ApprovalItems.ItemList> lists) {
        if (row.projectCode() == null || lists.isEmpty()) {
            return DeclarationView.step(row.status());
        }
        boolean listsDone = lists.stream().noneMatch(l -> "PENDING".equals(l.status()));
        if (!listsDone) {
            return "PARALLEL_PRELIMINARY_REVIEW";
        }
        if (items.stream().allMatch(ApprovalItems.Item::decided)) {
            return "COMPLETED";
        }
        return items.stream().anyMatch(i -> i.acceptedAt() != null) ? "APPROVAL" : "WINDOW_ACCEPTANCE";
    }

    @Override
    public Map<String, Object> fields(Declarations.Row row) {
        return fields(limit(row));
    }

    /** The top-level fields every view of the project shows. */
    public static Map<String, Object> fields(Limit l) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("dueBy", l.dueBy().toString());
        v.put("daysLeft", l.daysLeft());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("limitWorkingDays", l.limitDays());
        p.put("pausedWorkingDays", l.pausedDays());
        p.put("warnOn", l.warnOn().toString());
        p.put("dueBy", l.dueBy().toString());
        p.put("daysLeft", l.daysLeft());
        p.put("overdue", l.overdue());
        p.put("closed", l.closed());
        p.put("warnedAt", ChinaTime.text(l.warnedAt()));
        p.put("escalatedAt", ChinaTime.text(l.escalatedAt()));
        v.put("projectLimit", p);
        return v;
    }
}
