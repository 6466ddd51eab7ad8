package cn.approvalbridge.hub.sandbox.eia;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.sandbox.Sandbox;
import cn.approvalbridge.hub.sandbox.engine.HubClient;
import cn.approvalbridge.support.JsonInput;

/**
 * The sandbox EIA system (环评统建系统): {@code POST /sandbox/eia/results {"projectCode", "conclusion"?, "approvalNumber"?,
 * "resultId"?}} makes it decide and push the result to the hub as the real one would (POST /api/v1/eia-results as
 * {@code eia}); it answers with the hub's status and answer. Sandbox only (404 otherwise).
 */
@Path("/sandbox/eia/results")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxEiaResource {

    @Inject
    Sandbox sandbox;
    @Inject
    HubClient hub;

    @ConfigProperty(name = "hub.sandbox.departments.password")
    String password;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response push(String body) throws Exception {
        sandbox.require();
        JsonNode r = JsonInput.object(body);
        String code = r.path("projectCode").asText(null);
        if (code == null || code.isBlank()) {
            throw new ApiException(400, "projectCode", "required", "is required");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("resultId", r.path("resultId").asText("HP-" + code));
        result.put("projectCode", code);
        result.put("conclusion", r.path("conclusion").asText("批准"));
        result.put("approvalNumber", r.path("approvalNumber").asText("临环审〔2026〕" + Math.abs(code.hashCode() % 1000) + "号"));
        result.put("approvalDate", r.path("approvalDate").asText("2026-03-10"));
        result.put("opinion", r.path("opinion").asText("同意该项目环境影响报告表"));
        var answer = hub.post("eia", password, "/api/v1/eia-results", result);
        return Response.ok(Map.of("hubStatus", answer.statusCode(), "hubAnswer", answer.body())).build();
    }
}
