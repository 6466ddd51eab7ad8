package cn.approvalbridge.hub.utility;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The canonical joint application (一单申请), validated and normalised: only the selected utilities' sections, the
 * mobile in 11 digits. Its JSON is what is stored, hashed for idempotency and written to the trail.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UtilityApplication(String applicationId, String projectCode, List<Utility> utilities, String site,
        Contact contact, Map<String, Map<String, BigDecimal>> demand, List<SurveyWindow> surveyWindows) {

    public record Contact(String name, String mobile) {
    }

    public record SurveyWindow(LocalDate from, LocalDate to) {
    }

    /** The demand section of one utility, e.g. {"capacityKva": 630, "voltageKv": 10} for POWER. */
    public Map<String, BigDecimal> demandOf(Utility u) {
        return demand.getOrDefault(u.section(), Map.of());
    }
}
