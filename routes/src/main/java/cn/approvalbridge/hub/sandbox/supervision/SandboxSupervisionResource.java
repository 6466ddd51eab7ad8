package cn.approvalbridge.hub.sandbox.supervision;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.sandbox.Sandbox;
import cn.approvalbridge.support.JsonInput;

/**
 * The sandbox 13710 supervision system's endpoints (sandbox only, 404 otherwise): cases and their updates as the hub
 * sends them, the monthly reports, and the system's rule (UP, DOWN = 503 to the hub).
 */
@Path("/sandbox/supervision")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxSupervisionResource {

    @Inject
    Sandbox sandbox;
    @Inject
    SandboxSupervisionSystem system;

    @POST
    @Path("/cases")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response openCase(String body) {
        Response down = admit();
        if (down != null) {
            return down;
        }
        JsonNode c = JsonInput.object(body);
        String caseId = required(c, "caseId");
        system.caseReceived(caseId, required(c, "declarationId"), body);
        return Response.ok(Map.of("code", "0", "caseId", caseId)).build();
    }

    @POST
    @Path("/cases/{caseId}/updates")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("caseId") String caseId, String body) {
        Response down = admit();
        if (down != null) {
            return down;
        }
        JsonNode u = JsonInput.object(body);
        if (!u.path("seq").canConvertToInt() || u.path("seq").intValue() < 1) {
            throw new ApiException(400, "seq", "required", "the update's sequence number (1, 2, ...)");
        }
        if (!system.knows(caseId)) {
            throw new ApiException(409, "caseId", "unknown_case", "no case " + caseId + " was opened here");
        }
        system.updateReceived(caseId, u.get("seq").intValue(), body);
        return Response.ok(Map.of("code", "0", "caseId", caseId)).build();
    }

    @GET
    @Path("/cases")
    public List<Map<String, Object>> cases(@QueryParam("declarationId") String declarationId) {
        sandbox.require();
        return system.cases(declarationId);
    }

    @POST
    @Path("/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response report(String body) {
        Response down = admit();
        if (down != null) {
            return down;
        }
        JsonNode r = JsonInput.object(body);
        String messageId = required(r, "messageId");
        system.reportReceived(r.path("month").asText(messageId.replace("RANKING:", "")), messageId, body);
        return Response.ok(Map.of("code", "0", "messageId", messageId)).build();
    }

    @GET
    @Path("/reports")
    public List<Map<String, Object>> reports(@QueryParam("month") String month) {
        sandbox.require();
        return system.reports(month);
    }

    @GET
    @Path("/rule")
    public Map<String, Object> rule() {
        sandbox.require();
        return Map.of("rule", system.rule().name(), "refused", system.refusedCount());
    }

    @PUT
    @Path("/rule")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> setRule(String body) {
        sandbox.require();
        String r = JsonInput.object(body).path("rule").asText("");
        try {
            system.setRule(SandboxSupervisionSystem.Rule.valueOf(r));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "rule", "not_allowed", "UP or DOWN");
        }
        return rule();
    }

    private Response admit() {
        sandbox.require();
        if (system.rule() == SandboxSupervisionSystem.Rule.DOWN) {
            system.refused();
            return Response.status(503).entity(Map.of("message", "sandbox supervision system is DOWN")).build();
        }
        return null;
    }

    private static String required(JsonNode n, String field) {
        String v = n.path(field).asText("");
        if (v.isBlank()) {
            throw new ApiException(400, field, "required", "is required");
        }
        return v;
    }
}
