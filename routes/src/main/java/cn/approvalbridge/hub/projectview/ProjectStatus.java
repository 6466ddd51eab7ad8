package cn.approvalbridge.hub.projectview;

import cn.approvalbridge.hub.utility.UtilityStatus;
import cn.approvalbridge.hub.utility.ApplicationStatus;
import java.util.List;

import io.quarkus.qute.TemplateData;

/**
 * The one query (一口查询) of a project: its approval step with each department's state, and each utility's progress.
 * The JSON answer and the HTML page render this same model.
 */
@TemplateData
public record ProjectStatus(String projectCode, String projectName, String declarationId, Approval approval,
        List<UtilityStatus> utilities, List<ApplicationStatus> utilityApplications, String dueBy, Integer daysLeft) {

    @TemplateData
    public record Approval(String step, String status, String preReviewDueBy, String codeAssignedAt,
            List<Department> departments) {
    }

    @TemplateData
    public record Department(String departmentCode, String name, String status, String decision, String dueBy,
            String answeredAt) {
    }

}
