package cn.approvalbridge.hub.projectview;

import java.util.List;

import io.quarkus.qute.TemplateData;

/**
 * The one query (一口查询) of a project: its approval step with each department's state, and each utility's progress.
 * The JSON answer and the HTML page render this same model.
 */
@TemplateData
public record ProjectStatus(String projectCode, String projectName, String declarationId, Approval approval,
        List<UtilityStatus> utilities, List<ApplicationStatus> utilityApplications) {

    @TemplateData
    public record Approval(String step, String status, String preReviewDueBy, String codeAssignedAt,
            List<Department> departments) {
    }

    @TemplateData
    public record Department(String departmentCode, String name, String status, String decision, String dueBy,
            String answeredAt) {
    }

    @TemplateData
    public record UtilityStatus(String utility, String label, String provider, String applicationId, String state,
            String stateLabel, String since, String step, String dueBy, boolean warned, boolean overdue,
            String surveyDate, Boolean surveyDateAgreed, String providerSurveyDate, String reason) {
    }

    @TemplateData
    public record ApplicationStatus(String applicationId, String receivedAt, boolean earlyStage, List<String> flags,
            String surveyStatus, String surveyDate, List<String> surveyUnsuited, String contactName,
            String contactMobile) {
    }
}
