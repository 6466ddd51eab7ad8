package cn.approvalbridge.hub.projectview;

import io.quarkus.qute.TemplateData;

/**
 * One of the seven steps of the parallel approval flow as people see it: who acts, its state (DONE, CURRENT, WAITING,
 * REJECTED, SKIPPED), when it ended, by when it is due, working days paused (补正) and a note. Dates are Chinese text.
 */
@TemplateData
public record ApprovalStep(int number, String name, String who, String state, String stateLabel, String when,
        String dueBy, boolean overdue, int pausedDays, String note) {

    static String label(String state) {
        return switch (state) {
            case "DONE" -> "已完成";
            case "CURRENT" -> "办理中";
            case "REJECTED" -> "未通过";
            case "SKIPPED" -> "无需办理";
            default -> "未开始";
        };
    }
}
