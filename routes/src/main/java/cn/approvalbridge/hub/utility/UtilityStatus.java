package cn.approvalbridge.hub.utility;

import io.quarkus.qute.TemplateData;

/** One utility's progress, as the project's status and the window's intake answer show it. */
@TemplateData
public record UtilityStatus(String utility, String label, String provider, String applicationId, String state,
        String stateLabel, String since, String step, String dueBy, boolean warned, boolean overdue,
        String surveyDate, Boolean surveyDateAgreed, String providerSurveyDate, String reason) {
}
