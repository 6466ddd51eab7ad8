package cn.approvalbridge.hub.utility;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the hub tells one provider, in canonical form; each provider's adapter maps it to the provider's own format at
 * the edge. APPLICATION: the provider's share of the joint form; SURVEY: the joint survey date fixed (or proposed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UtilityMessage(String kind, String applicationId, Utility utility, String projectCode, String projectName,
        String site, String contactName, String contactMobile, Map<String, BigDecimal> demand,
        List<UtilityApplication.SurveyWindow> surveyWindows, LocalDate surveyDate, boolean surveyDateAgreed,
        String answerTo) {

    public static final String APPLICATION = "APPLICATION";
    public static final String SURVEY = "SURVEY";
}
