package cn.approvalbridge.hub.sandbox.eia;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
 * {@code eia}); it answers with the hub's status and answer. Every result it decides is also published for the poll,
 * {@code GET /sandbox/eia/results?since=&limit=} (SandboxEiaSystem). Sandbox only (404 otherwise).
 */
@Path("/sandbox/eia/results")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxEiaResource {

    @Inject
    Sandbox sandbox;
    @Inject
    HubClient hub;

    @Inject
    SandboxEiaSystem eia;

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
        Map<String, Object> result = SandboxEiaSystem.result(r, code);
        var answer = hub.post("eia", password, "/api/v1/eia-results", result);
        eia.publish(result); // the real system's poll answers its pushed results too
        return Response.ok(Map.of("hubStatus", answer.statusCode(), "hubAnswer", answer.body())).build();
    }

    /** The hub's poll: the results published at or after {@code since} (ISO-8601), oldest first; 503 while DOWN. */
    @GET
    public Response since(@QueryParam("since") String since, @QueryParam("limit") @DefaultValue("100") int limit) {
        sandbox.require();
        if (eia.down()) {
            return Response.status(503).entity(Map.of("message", "the sandbox EIA system is DOWN")).build();
        }
        OffsetDateTime from;
        try {
            from = since == null ? OffsetDateTime.MIN : OffsetDateTime.parse(since);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "since", "date_time", "an ISO-8601 date and time");
        }
        return Response.ok(Map.of("results", eia.since(from, Math.max(1, Math.min(limit, 1000))))).build();
    }
}
