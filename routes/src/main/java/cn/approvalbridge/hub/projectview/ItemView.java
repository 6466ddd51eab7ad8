package cn.approvalbridge.hub.projectview;

import java.time.LocalDate;
import java.util.List;

import cn.approvalbridge.hub.approval.ApprovalItems.Item;
import cn.approvalbridge.hub.platform.directory.Departments;
import io.quarkus.qute.TemplateData;

/** An approval item as a person reads it: its state in words, the limit now running, the decision and its document. */
@TemplateData
public record ItemView(String itemCode, String itemName, String department, String status, String stateLabel,
        String reasons, String dueBy, boolean overdue, int pausedDays, int returnCount, String result) {

    public static List<ItemView> of(List<Item> items, Departments departments, LocalDate today) {
        return items.stream().map(i -> of(i, items, departments, today)).toList();
    }

    static ItemView of(Item i, List<Item> all, Departments departments, LocalDate today) {
        String label = i.decided() ? ("APPROVED".equals(i.decision()) ? "准予许可" : "不予许可") : switch (i.status()) {
            case "LISTED" -> "待提交材料";
            case "SUBMITTED" -> "材料审查中";
            case "RETURNED" -> "退回补正";
            case "ACCEPTED" -> i.pendingPrerequisites(all).isEmpty() ? "审批办理中" : "等待前置事项";
            default -> i.status();
        };
        LocalDate due = i.decided() ? null : "SUBMITTED".equals(i.status()) ? i.reviewDueBy()
                : "ACCEPTED".equals(i.status()) ? i.dueBy() : null;
        String result = !i.decided() ? null
                : (i.documentNumber() == null ? "" : i.documentNumber())
                        + (i.documentDate() == null ? "" : "（" + ZhFormat.date(i.documentDate()) + "）");
        return new ItemView(i.itemCode(), i.itemName(), departments.name(i.departmentCode()) + "（" + i.departmentCode() + "）",
                i.status(), label, "RETURNED".equals(i.status()) ? i.returnReasons() : null, ZhFormat.date(due),
                due != null && today.isAfter(due), i.pausedDays(), i.returnCount(), result == null || result.isEmpty() ? null : result);
    }
}
