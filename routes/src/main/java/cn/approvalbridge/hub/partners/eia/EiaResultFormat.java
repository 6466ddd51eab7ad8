package cn.approvalbridge.hub.partners.eia;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.commitment.EiaResults;
import cn.approvalbridge.hub.platform.api.Bodies;
import cn.approvalbridge.support.JsonInput;

/**
 * The EIA system's result, as it pushes it and as its poll answers it, mapped to the flow's {@link EiaResults.EiaResult}
 * here only: {"resultId", "projectCode" (the investment project code), "conclusion": 批准 | 不予批准, "approvalNumber"
 * (批复文号, required when 批准), "approvalDate" (yyyy-MM-dd), "opinion"}. Other fields (the poll's "publishedAt") are
 * not part of the result, so the same result pushed and polled is the same canonical body (taken once).
 */
final class EiaResultFormat {

    static final Map<String, String> CONCLUSIONS = Map.of("批准", "APPROVED", "不予批准", "DISAPPROVED");
    private static final Pattern PROJECT_CODE = Pattern.compile("[A-Za-z0-9-]+");

    /** A mapped result and its canonical JSON (what the intake stores and compares). */
    record Mapped(EiaResults.EiaResult result, Map<String, Object> canonical) {

        String canonicalJson(ObjectMapper json) {
            try {
                return json.writeValueAsString(canonical);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private EiaResultFormat() {
    }

    /** The result, or ApiException 400 naming every bad field. */
    static Mapped map(JsonNode tree) {
        JsonInput in = new JsonInput();
        String id = in.id(tree, "resultId", "resultId");
        String code = in.matching(tree, "projectCode", "projectCode", 32, PROJECT_CODE, "a project code");
        String conclusion = in.oneOf(tree, "conclusion", "conclusion", Set.copyOf(CONCLUSIONS.keySet()), "批准 | 不予批准");
        String number = in.optionalText(tree, "approvalNumber", "approvalNumber", 100);
        in.requiredWhen("批准".equals(conclusion), number, "approvalNumber", "an approval carries its document number");
        LocalDate date = in.date(tree, "approvalDate", "approvalDate");
        String opinion = in.optionalText(tree, "opinion", "opinion", 1000);
        Bodies.check(in);
        String decision = CONCLUSIONS.get(conclusion);
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("resultId", id);
        canonical.put("projectCode", code);
        canonical.put("decision", decision);
        canonical.put("documentNumber", number);
        canonical.put("documentDate", date.toString());
        canonical.put("opinion", opinion);
        return new Mapped(new EiaResults.EiaResult(id, code, decision, number, date, opinion), canonical);
    }
}
