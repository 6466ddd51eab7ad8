package cn.approvalbridge.hub.console;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.projectview.ZhFormat;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.support.WorkingCalendar;
import io.quarkus.qute.TemplateData;

/**
 * The window's worklist: what the flows leave to the window, each within 1 working day (一次性告知 once every item
 * list is in; chasing a material returned for correction; telling the unit to collect its results; telling it in
 * writing that pre-review failed). A task stays until the window marks it done (table hub_console_task).
 */
@ApplicationScoped
public class Worklist {

    @TemplateData
    public record Task(String declarationId, String projectCode, String projectName, String task, String kind,
            String action, String detail, LocalDate due, String dueText, String urgency) {
        public String urgencyLabel() {
            return switch (urgency) {
                case "overdue" -> "已超期";
                case "today" -> "今日到期";
                default -> "待办";
            };
        }
    }

    @TemplateData
    public record Found(String declarationId, String projectCode, String projectName, String status, String receivedAt) {
    }

    private record Project(String declarationId, String projectCode, String projectName) {
    }

    @Inject
    Db db;

    @Inject
    Deadlines deadlines;

    @Inject
    WorkingCalendar calendar;

    @Inject
    Trail trail;

    /** Open tasks, overdue first, then due today, then by due day; only those of projects matching q when given. */
    public List<Task> tasks(String q) {
        LocalDate today = deadlines.today();
        List<Task> out = new ArrayList<>();
        db.read(c -> {
            Set<String> done = new HashSet<>(Db.list(c, "SELECT declaration_id, task FROM hub_console_task",
                    rs -> rs.getString(1) + "|" + rs.getString(2)));
            Map<String, Project> coded = new HashMap<>();
            for (Project p : Db.list(c, "SELECT declaration_id, project_code, project_name FROM hub_declaration "
                    + "WHERE project_code IS NOT NULL", rs -> new Project(rs.getString(1), rs.getString(2), rs.getString(3)))) {
                coded.put(p.projectCode(), p);
            }
            for (Object[] r : Db.list(c, "SELECT declaration_id, project_name, decided_at, received_at FROM hub_declaration "
                    + "WHERE status = 'PRE_REVIEW_REJECTED'", rs -> new Object[] { rs.getString(1), rs.getString(2),
                            Db.time(rs, "decided_at"), Db.time(rs, "received_at") })) {
                OffsetDateTime at = r[2] != null ? (OffsetDateTime) r[2] : (OffsetDateTime) r[3];
                add(out, done, today, new Project((String) r[0], null, (String) r[1]), "PRE_REVIEW_REJECTED", "预审未通过",
                        "书面告知项目单位立项预审未通过及各部门理由", null, dayAfter(at));
            }
            Map<String, OffsetDateTime> listsDone = new HashMap<>();
            Db.list(c, "SELECT project_code, MAX(answered_at) AS last FROM hub_item_list GROUP BY project_code "
                    + "HAVING SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END) = 0",
                    rs -> listsDone.put(rs.getString(1), Db.time(rs, "last")));
            Db.list(c, "SELECT project_code, COUNT(*) AS n, SUM(CASE WHEN status = 'LISTED' THEN 1 ELSE 0 END) AS listed, "
                    + "SUM(CASE WHEN decision IS NULL THEN 1 ELSE 0 END) AS undecided, MAX(decided_at) AS last "
                    + "FROM hub_project_item GROUP BY project_code", rs -> {
                        Project p = coded.get(rs.getString(1));
                        if (p == null || !listsDone.containsKey(p.projectCode())) {
                            return null;
                        }
                        int n = rs.getInt("n");
                        if (rs.getInt("listed") == n) {
                            add(out, done, today, p, "ITEM_LIST_READY", "一次性告知",
                                    "一次性告知项目单位所需审批事项，收取申请材料", "共 " + n + " 项审批事项",
                                    dayAfter(listsDone.get(p.projectCode())));
                        } else if (rs.getInt("undecided") == 0) {
                            add(out, done, today, p, "RESULTS_READY", "结果已出", "通知项目单位领取审批结果", "共 " + n
                                    + " 项已办结", dayAfter(Db.time(rs, "last")));
                        }
                        return null;
                    });
            Db.list(c, "SELECT project_code, item_code, item_name, return_count, return_reasons, returned_on "
                    + "FROM hub_project_item WHERE status = 'RETURNED'", rs -> {
                        Project p = coded.get(rs.getString(1));
                        if (p != null) {
                            add(out, done, today, p, "MATERIALS_RETURNED:" + rs.getString(2) + ":" + rs.getInt(4),
                                    "材料退回", "联系项目单位补正材料", rs.getString(3) + "：" + rs.getString(5),
                                    calendar.addWorkingDays(Db.date(rs, "returned_on"), 1));
                        }
                        return null;
                    });
            return null;
        });
        String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        return out.stream().filter(t -> needle.isEmpty() || matches(t, needle))
                .sorted(Comparator.comparing((Task t) -> t.urgency().equals("overdue") ? 0 : t.urgency().equals("today") ? 1 : 2)
                        .thenComparing(Task::due).thenComparing(Task::declarationId))
                .toList();
    }

    /** Projects whose name, code or declaration id contains q, newest first (at most 50). */
    public List<Found> search(String q) {
        String like = "%" + q.strip().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return db.read(c -> Db.listAtMost(c, 50, "SELECT declaration_id, project_code, project_name, status, received_at "
                + "FROM hub_declaration WHERE LOWER(project_name) LIKE ? ESCAPE '!' OR LOWER(project_code) LIKE ? ESCAPE '!' "
                + "OR LOWER(declaration_id) LIKE ? ESCAPE '!' ORDER BY received_at DESC", rs -> new Found(rs.getString(1),
                        rs.getString(2), rs.getString(3), statusLabel(rs.getString(4)), ZhFormat.time(Db.time(rs, "received_at"))),
                like, like, like));
    }

    /** Marks a task done once, with a trail entry (全程留痕); false when it was done already. */
    public boolean markDone(String declarationId, String task, String by) {
        OffsetDateTime now = deadlines.now().toOffsetDateTime();
        boolean created = db.inTransaction(c -> {
            if (Db.one(c, "SELECT 1 FROM hub_console_task WHERE declaration_id = ? AND task = ?", rs -> 1, declarationId,
                    task).isPresent()) {
                return false;
            }
            Db.update(c, "INSERT INTO hub_console_task (declaration_id, task, done_at, done_by) VALUES (?, ?, ?, ?)",
                    declarationId, task, now, by);
            return true;
        });
        if (created) {
            trail.appendLocked(declarationId, "IN", "window", "WINDOW_TASK_DONE",
                    "{\"task\":\"" + task.replace("\"", "") + "\",\"by\":\"" + by.replace("\"", "") + "\"}");
        }
        return created;
    }

    static String statusLabel(String status) {
        return switch (status) {
            case "PRE_REVIEW" -> "立项预审中";
            case "PRE_REVIEW_REJECTED" -> "预审未通过";
            case "CODE_ASSIGNMENT" -> "赋码中";
            case "CODE_ASSIGNMENT_FAILED" -> "赋码失败";
            case "CODE_ASSIGNED" -> "已赋码";
            default -> status;
        };
    }

    private LocalDate dayAfter(OffsetDateTime at) {
        return calendar.addWorkingDays(deadlines.receiptDay(at.atZoneSameInstant(ChinaTime.ZONE)), 1);
    }

    private static void add(List<Task> out, Set<String> done, LocalDate today, Project p, String task, String kind,
            String action, String detail, LocalDate due) {
        if (done.contains(p.declarationId() + "|" + task)) {
            return;
        }
        String urgency = today.isAfter(due) ? "overdue" : today.equals(due) ? "today" : "later";
        out.add(new Task(p.declarationId(), p.projectCode(), p.projectName(), task, kind, action, detail, due,
                ZhFormat.date(due), urgency));
    }

    private static boolean matches(Task t, String needle) {
        return t.projectName().toLowerCase(Locale.ROOT).contains(needle)
                || (t.projectCode() != null && t.projectCode().toLowerCase(Locale.ROOT).contains(needle))
                || t.declarationId().toLowerCase(Locale.ROOT).contains(needle);
    }
}
