package cn.approvalbridge.hub.utility;

import java.util.List;

import io.quarkus.qute.TemplateData;

/** A joint utility application as the project's status shows it (contact masked but for the window). */
@TemplateData
public record ApplicationStatus(String applicationId, String receivedAt, boolean earlyStage, List<String> flags,
        String surveyStatus, String surveyDate, List<String> surveyUnsuited, String contactName,
        String contactMobile) {
}
