package cn.approvalbridge.hub.sandbox.credit;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.sandbox.Sandbox;
import cn.approvalbridge.hub.sandbox.engine.UpDownRule;
import cn.approvalbridge.support.JsonInput;

/** The sandbox credit system's check endpoint, what it received, and its UP/DOWN switch (sandbox only, 404 otherwise). */
@Path("/sandbox/credit")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxCreditResource {

    @Inject
    Sandbox sandbox;

    @Inject
    SandboxCreditSystem credit;

    @POST
    @Path("/checks")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response check(String body) {
        sandbox.require();
        if (credit.down()) {
            return Response.status(503).entity(Map.of("message", "the sandbox credit system is DOWN")).build();
        }
        JsonNode request = JsonInput.object(body);
        String code = request.path("creditCode").asText(null);
        if (code == null || code.isBlank()) {
            throw new ApiException(400, "creditCode", "required", "is required");
        }
        return Response.ok(credit.check(code, request.path("requestId").asText(code), body)).build();
    }

    @GET
    @Path("/checks")
    public List<Map<String, Object>> received(@QueryParam("creditCode") String creditCode) {
        sandbox.require();
        return credit.received(creditCode);
    }

    /** The credit system's intake of untrue commitments (失信承诺), each once by reportId. */
    @POST
    @Path("/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response report(String body) {
        sandbox.require();
        if (credit.down()) {
            return Response.status(503).entity(Map.of("message", "the sandbox credit system is DOWN")).build();
        }
        JsonNode report = JsonInput.object(body);
        String code = report.path("creditCode").asText(null);
        String id = report.path("reportId").asText(null);
        if (code == null || code.isBlank() || id == null || id.isBlank()) {
            throw new ApiException(400, code == null || code.isBlank() ? "creditCode" : "reportId", "required", "is required");
        }
        credit.report(code, id, body);
        return Response.ok(Map.of("reportId", id, "status", "RECORDED")).build();
    }

    @GET
    @Path("/reports")
    public List<Map<String, Object>> reports(@QueryParam("creditCode") String creditCode) {
        sandbox.require();
        return credit.reports(creditCode);
    }

    @PUT
    @Path("/rule")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> rule(String body) {
        sandbox.require();
        boolean down = UpDownRule.down(body);
        credit.setDown(down);
        return Map.of("rule", down ? "DOWN" : "UP");
    }
}
