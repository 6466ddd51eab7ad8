package cn.approvalbridge.hub.partners.eia;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.commitment.EiaResults;
import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.api.Bodies;
import cn.approvalbridge.support.JsonInput;

/**
 * The EIA system (环评统建系统) pushes its approval results here, with its own identity (role {@code eia}). Its format,
 * mapped here only: {"resultId", "projectCode" (the investment project code), "conclusion": 批准 | 不予批准,
 * "approvalNumber" (批复文号, required when 批准), "approvalDate" (yyyy-MM-dd), "opinion"}. 202 taken (applied, or
 * held until the project reaches its EIA item: "status" says which), 200 the same result again, 409 another result
 * under the same resultId.
 */
@Path("/api/v1/eia-results")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EiaResultResource {

    static final String ROLE = "eia";
    static final Map<String, String> CONCLUSIONS = Map.of("批准", "APPROVED", "不予批准", "DISAPPROVED");

    @Inject
    Bodies bodies;
    @Inject
    EiaResults results;
    @Inject
    ObjectMapper json;

    @POST
    @RolesAllowed(ROLE)
    @Operation(summary = "An EIA result (the EIA system): recorded as the decision of the project's EIA item, once")
    public Response result(String body) throws Exception {
        JsonNode tree = bodies.object(body);
        JsonInput in = new JsonInput();
        String id = in.id(tree, "resultId", "resultId");
        String code = in.matching(tree, "projectCode", "projectCode", 32, java.util.regex.Pattern.compile("[A-Za-z0-9-]+"),
                "a project code");
        String conclusion = in.oneOf(tree, "conclusion", "conclusion", Set.copyOf(CONCLUSIONS.keySet()), "批准 | 不予批准");
        String number = in.optionalText(tree, "approvalNumber", "approvalNumber", 100);
        in.requiredWhen("批准".equals(conclusion), number, "approvalNumber", "an approval carries its document number");
        LocalDate date = in.date(tree, "approvalDate", "approvalDate");
        String opinion = in.optionalText(tree, "opinion", "opinion", 1000);
        Bodies.check(in);
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("resultId", id);
        canonical.put("projectCode", code);
        canonical.put("decision", CONCLUSIONS.get(conclusion));
        canonical.put("documentNumber", number);
        canonical.put("documentDate", date.toString());
        canonical.put("opinion", opinion);
        var r = results.receive(new EiaResults.EiaResult(id, code, CONCLUSIONS.get(conclusion), number, date, opinion),
                json.writeValueAsString(canonical));
        Map<String, Object> v = new LinkedHashMap<>(canonical);
        v.put("status", results.status(id).orElse("HELD"));
        return switch (r.kind()) {
            case CREATED -> Response.accepted(v).build();
            case SAME -> Response.ok(v).build();
            default -> throw new ApiException(409, "resultId", "conflict", r.message());
        };
    }
}
