package cn.approvalbridge.hub.sandbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.hub.partners.projectapproval.StagingWriter;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.support.ChinaTime;

/** Sandbox partners of steps 4-7: departments' message endpoint, the platform's results endpoint, the staging rows. */
@Path("/sandbox/approval")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxApprovalResource {

    @Inject
    Sandbox sandbox;
    @Inject
    SandboxApproval approval;
    @Inject
    StagingWriter staging;
    @Inject
    Db db;
    @Inject
    Clock clock;

    @POST
    @Path("/departments/{code}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response message(@PathParam("code") String code, JsonNode m) {
        sandbox.require();
        approval.received(code, m);
        return Response.accepted(Map.of("departmentCode", code, "status", "RECEIVED")).build();
    }

    /** What the sandbox department received from the hub for a project (item-list requests, materials, prerequisites). */
    @GET
    @Path("/departments/{code}/messages")
    public List<Map<String, Object>> received(@PathParam("code") String code, @QueryParam("projectCode") String projectCode) {
        sandbox.require();
        if (projectCode == null || projectCode.isBlank()) {
            throw new cn.approvalbridge.hub.platform.api.ApiException(400, "projectCode", "required", "the project code to list");
        }
        return approval.messages(code, projectCode);
    }

    /** The sandbox investment platform records each approval result once (xmdm + spsxbm), counting repeats. */
    @POST
    @Path("/investment-platform/results")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response result(JsonNode r) {
        sandbox.require();
        String xmdm = r.path("xmdm").asText();
        String item = r.path("spsxbm").asText();
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ChinaTime.ZONE));
        db.inTransaction(c -> {
            if (Db.update(c, "UPDATE hub_sandbox_platform_result SET times_received = times_received + 1 WHERE xmdm = ? "
                    + "AND spsxbm = ?", xmdm, item) == 0) {
                Db.update(c, "INSERT INTO hub_sandbox_platform_result (xmdm, spsxbm, body, received_at, times_received) "
                        + "VALUES (?, ?, ?, ?, 1)", xmdm, item, r.toString(), now);
            }
            return null;
        });
        return Response.ok(Map.of("code", 0)).build();
    }

    @GET
    @Path("/investment-platform/results")
    public List<Map<String, Object>> results(@QueryParam("xmdm") String xmdm) {
        sandbox.require();
        return db.read(c -> Db.list(c, "SELECT spsxbm, body, times_received FROM hub_sandbox_platform_result WHERE xmdm = ? "
                + "ORDER BY spsxbm", rs -> Map.<String, Object>of("spsxbm", rs.getString(1), "body", rs.getString(2),
                        "timesReceived", rs.getInt(3)), xmdm));
    }

    /** Every staging row of a project (the 前置库 as the province sees it). */
    @GET
    @Path("/staging")
    public Map<String, List<Map<String, Object>>> stagingRows(@QueryParam("xmdm") String xmdm) {
        sandbox.require();
        return staging.rows(xmdm);
    }
}
