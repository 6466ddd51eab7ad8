package cn.approvalbridge.hub.projectview;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.approvalbridge.hub.approval.ApprovalFlow;
import cn.approvalbridge.hub.approval.ApprovalItems.Item;
import cn.approvalbridge.hub.approval.ApprovalItems.ItemList;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.prereview.Declarations.Review;
import cn.approvalbridge.hub.prereview.Declarations.Row;
import cn.approvalbridge.hub.prereview.Declarations.Status;
import cn.approvalbridge.support.WorkingCalendar;

/**
 * The seven steps of a project (申报, 立项预审, 统一赋码, 并联初审, 窗口受理, 审批办理, 办结回复) from the flows' own rows, and
 * what the unit must do next: the one reading that the unit's page and the window's console share.
 */
@ApplicationScoped
public class ApprovalSteps {

    @Inject
    Declarations declarations;

    @Inject
    ApprovalFlow approval;

    @Inject
    Departments departments;

    @Inject
    Deadlines deadlines;

    @Inject
    WorkingCalendar calendar;

    @ConfigProperty(name = "hub.window.place")
    String windowPlace;

    /** A project's rows, read once for both the steps and the next action. */
    public record Facts(Row row, List<Review> reviews, List<ItemList> lists, List<Item> items, LocalDate today) {
        boolean listsDone() {
            return !lists.isEmpty() && lists.stream().noneMatch(l -> "PENDING".equals(l.status()));
        }

        boolean allDecided() {
            return listsDone() && items.stream().allMatch(Item::decided);
        }
    }

    public Facts facts(Row row) {
        String code = row.projectCode();
        return new Facts(row, declarations.reviews(row.declarationId()), code == null ? List.of() : approval.lists(code),
                code == null ? List.of() : approval.items(code), deadlines.today());
    }

    public List<ApprovalStep> steps(Facts f) {
        Row row = f.row();
        List<ApprovalStep> s = new ArrayList<>();
        s.add(step(1, "项目申报", "项目单位 / 综合窗口", "DONE", ZhFormat.time(row.receivedAt()), null, f, 0, null));

        boolean rejected = row.status() == Status.PRE_REVIEW_REJECTED;
        String preState = row.status() == Status.PRE_REVIEW ? "CURRENT" : rejected ? "REJECTED" : "DONE";
        String refusals = f.reviews().stream().filter(r -> "REJECT".equals(r.decision()))
                .map(r -> departments.name(r.departmentCode()) + "：" + Objects.toString(r.opinion(), "未说明"))
                .collect(Collectors.joining("；"));
        s.add(step(2, "立项预审", names(f.reviews().stream().map(Review::departmentCode).toList()), preState,
                ZhFormat.time(latest(f.reviews().stream().map(Review::answeredAt).toList())),
                row.preReviewDueBy(), f, 0, rejected ? refusals : null));

        String codeState = switch (row.status()) {
            case PRE_REVIEW -> "WAITING";
            case PRE_REVIEW_REJECTED -> "SKIPPED";
            case CODE_ASSIGNMENT -> "CURRENT";
            case CODE_ASSIGNMENT_FAILED -> "REJECTED";
            case CODE_ASSIGNED -> "DONE";
        };
        s.add(step(3, "统一赋码", "投资项目在线审批监管平台", codeState, ZhFormat.time(row.codeAssignedAt()), null, f, 0,
                row.projectCode() != null ? "项目代码 " + row.projectCode() : row.failure()));

        boolean coded = row.projectCode() != null;
        String listState = !coded ? (rejected ? "SKIPPED" : "WAITING") : f.lists().isEmpty() ? "WAITING"
                : f.listsDone() ? "DONE" : "CURRENT";
        s.add(step(4, "并联初审（一次性告知）", names(f.lists().stream().map(ItemList::departmentCode).toList()), listState,
                f.listsDone() ? ZhFormat.time(latest(f.lists().stream().map(ItemList::answeredAt).toList())) : null,
                f.lists().stream().map(ItemList::dueBy).max(Comparator.naturalOrder()).orElse(null), f, 0,
                f.listsDone() ? (f.items().isEmpty() ? "各部门均无需办理审批事项" : "共 " + f.items().size() + " 项审批事项") : null));

        boolean noItems = f.listsDone() && f.items().isEmpty();
        boolean allAccepted = !f.items().isEmpty() && f.items().stream().allMatch(i -> i.acceptedAt() != null);
        String windowState = !f.listsDone() ? (rejected ? "SKIPPED" : "WAITING") : noItems ? "SKIPPED"
                : allAccepted ? "DONE" : "CURRENT";
        int paused = f.items().stream().mapToInt(Item::pausedDays).sum();
        s.add(step(5, "窗口受理", "综合窗口 / " + names(f.items().stream().map(Item::departmentCode).distinct().toList()),
                windowState, allAccepted ? ZhFormat.time(latest(f.items().stream().map(Item::acceptedAt).toList())) : null,
                f.items().stream().filter(i -> "SUBMITTED".equals(i.status())).map(Item::reviewDueBy)
                        .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null), f, paused,
                windowNote(f.items())));

        boolean anyAccepted = f.items().stream().anyMatch(i -> i.acceptedAt() != null);
        String approvalState = !f.listsDone() || noItems ? (noItems ? "SKIPPED" : rejected ? "SKIPPED" : "WAITING")
                : f.allDecided() ? "DONE" : anyAccepted ? "CURRENT" : "WAITING";
        long refused = f.items().stream().filter(i -> i.decided() && !"APPROVED".equals(i.decision())).count();
        s.add(step(6, "审批办理", names(f.items().stream().map(Item::departmentCode).distinct().toList()), approvalState,
                f.allDecided() ? ZhFormat.time(lastDecision(f.items())) : null,
                f.items().stream().filter(i -> !i.decided() && i.dueBy() != null).map(Item::dueBy)
                        .max(Comparator.naturalOrder()).orElse(null), f, 0,
                refused > 0 ? "不予许可 " + refused + " 项" : waitingNote(f.items())));

        boolean done = f.allDecided() && !f.items().isEmpty();
        s.add(step(7, "办结回复", "综合窗口", done ? "DONE" : rejected || noItems ? "SKIPPED" : "WAITING",
                done ? ZhFormat.time(lastDecision(f.items())) : null, done ? collectBy(f.items()) : null, f, 0,
                done ? "请到" + windowPlace + "领取审批结果" : null));
        return s;
    }

    /** The step now open (the first neither done nor skipped), or the last one. */
    public static ApprovalStep current(List<ApprovalStep> steps) {
        return steps.stream().filter(s -> s.state().equals("CURRENT") || s.state().equals("REJECTED")).findFirst()
                .orElse(steps.stream().filter(s -> s.state().equals("WAITING")).findFirst().orElse(steps.get(steps.size() - 1)));
    }

    public NextAction next(Facts f) {
        Row row = f.row();
        switch (row.status()) {
            case PRE_REVIEW:
                return new NextAction(false, "无需操作：各部门正在立项预审。", ZhFormat.date(row.preReviewDueBy()));
            case PRE_REVIEW_REJECTED:
                return new NextAction(true, "立项预审未通过。请按部门意见修改后重新申报，可咨询" + windowPlace + "。", null);
            case CODE_ASSIGNMENT, CODE_ASSIGNMENT_FAILED:
                return new NextAction(false, "无需操作：项目正在统一赋码，完成后将短信通知您。", null);
            default:
                break;
        }
        if (!f.listsDone()) {
            return new NextAction(false, "无需操作：各部门正在确定所需审批事项，届时一次性告知您。",
                    ZhFormat.date(f.lists().stream().map(ItemList::dueBy).max(Comparator.naturalOrder()).orElse(null)));
        }
        if (f.items().isEmpty()) {
            return new NextAction(false, "各部门均告知本项目无需办理审批事项。", null);
        }
        List<Item> returned = f.items().stream().filter(i -> "RETURNED".equals(i.status())).toList();
        if (!returned.isEmpty()) {
            return new NextAction(true, "请按退回原因补正材料后到" + windowPlace + "重新提交："
                    + returned.stream().map(i -> i.itemName() + "（" + i.returnReasons() + "）").collect(Collectors.joining("；"))
                    + "。补正期间审批时限暂停计算。", null);
        }
        List<Item> toSubmit = f.items().stream().filter(i -> "LISTED".equals(i.status())).toList();
        if (!toSubmit.isEmpty()) {
            return new NextAction(true, "请携带以下审批事项的申请材料到" + windowPlace + "提交："
                    + toSubmit.stream().map(i -> i.itemName() + "（" + departments.name(i.departmentCode()) + "）")
                            .collect(Collectors.joining("、")) + "。", null);
        }
        if (f.items().stream().anyMatch(i -> "SUBMITTED".equals(i.status()))) {
            return new NextAction(false, "无需操作：部门正在审查您提交的材料。", ZhFormat.date(f.items().stream()
                    .map(Item::reviewDueBy).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null)));
        }
        if (!f.allDecided()) {
            return new NextAction(false, "无需操作：各部门正在审批办理。", ZhFormat.date(f.items().stream()
                    .filter(i -> !i.decided()).map(Item::dueBy).filter(Objects::nonNull).max(Comparator.naturalOrder())
                    .orElse(null)));
        }
        return new NextAction(true, "审批结果已全部办结：请到" + windowPlace + "领取审批结果。", null);
    }

    private ApprovalStep step(int n, String name, String who, String state, String when, LocalDate due, Facts f,
            int paused, String note) {
        boolean overdue = "CURRENT".equals(state) && due != null && f.today().isAfter(due);
        return new ApprovalStep(n, name, who == null || who.isBlank() ? "—" : who, state, ApprovalStep.label(state), when,
                ZhFormat.date(due), overdue, paused, note);
    }

    private String names(List<String> codes) {
        return codes.stream().distinct().map(departments::name).collect(Collectors.joining("、"));
    }

    private LocalDate collectBy(List<Item> items) {
        OffsetDateTime last = lastDecision(items);
        return last == null ? null
                : calendar.addWorkingDays(deadlines.receiptDay(last.atZoneSameInstant(cn.approvalbridge.support.ChinaTime.ZONE)), 1);
    }

    private static OffsetDateTime lastDecision(List<Item> items) {
        return latest(items.stream().map(Item::decidedAt).toList());
    }

    static OffsetDateTime latest(List<OffsetDateTime> times) {
        return times.stream().filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    private static String windowNote(List<Item> items) {
        long returned = items.stream().filter(i -> "RETURNED".equals(i.status())).count();
        long listed = items.stream().filter(i -> "LISTED".equals(i.status())).count();
        if (returned > 0) {
            return "退回补正 " + returned + " 项";
        }
        return listed > 0 ? "待提交材料 " + listed + " 项" : null;
    }

    private static String waitingNote(List<Item> items) {
        List<String> waiting = items.stream().filter(i -> !i.decided() && !i.pendingPrerequisites(items).isEmpty())
                .map(Item::itemName).toList();
        return waiting.isEmpty() ? null : "等待前置事项结果：" + String.join("、", waiting);
    }
}
