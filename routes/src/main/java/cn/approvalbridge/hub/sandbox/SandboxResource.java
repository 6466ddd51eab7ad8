package cn.approvalbridge.hub.sandbox;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
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
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.notification.SandboxMessage;
import cn.approvalbridge.notification.SandboxSmsProvider;
import cn.approvalbridge.support.ChinaTime;

/**
 * The sandbox partners' HTTP side (sandbox only, 404 otherwise): the departments' pre-review endpoint and their rules,
 * the investment platform's registration endpoint and its records, and the SMS the sandbox provider "sent".
 */
@Path("/sandbox")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxResource {

    @Inject
    Sandbox sandbox;

    @Inject
    SandboxDepartments departments;

    @Inject
    SandboxSmsProvider sms;

    @Inject
    Db db;

    @Inject
    java.time.Clock clock;

    @Inject
    ObjectMapper json;

    @POST
    @Path("/departments/{code}/pre-review")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response preReview(@PathParam("code") String code, JsonNode request) {
        sandbox.require();
        if (departments.behaviour(code).rule() == SandboxDepartments.Rule.DOWN) {
            departments.refused(code);
            return Response.status(503).entity(Map.of("message", "sandbox department " + code + " is DOWN")).build();
        }
        String id = request == null ? null : request.path("declarationId").asText(null);
        if (id == null) {
            throw new ApiException(400, "declarationId", "required", "is required");
        }
        departments.received(code, id);
        return Response.accepted(Map.of("declarationId", id, "departmentCode", code, "status", "RECEIVED")).build();
    }

    @GET
    @Path("/departments/{code}/rule")
    public SandboxDepartments.Behaviour rule(@PathParam("code") String code) {
        sandbox.require();
        return departments.behaviour(code);
    }

    @PUT
    @Path("/departments/{code}/rule")
    @Consumes(MediaType.APPLICATION_JSON)
    public SandboxDepartments.Behaviour setRule(@PathParam("code") String code, SandboxDepartments.Behaviour behaviour) {
        sandbox.require();
        if (behaviour == null || behaviour.rule() == null) {
            throw new ApiException(400, "rule", "required", "PASS, REJECT, SILENCE, DELAY or DOWN");
        }
        departments.setBehaviour(code, behaviour);
        return departments.behaviour(code);
    }

    @POST
    @Path("/investment-platform/projects")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(String body) throws Exception {
        sandbox.require();
        JsonNode project = json.readTree(body);
        String xmdm = project.path("xmdm").asText(null);
        if (xmdm == null) {
            throw new ApiException(400, "xmdm", "required", "the project code is required");
        }
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ChinaTime.ZONE));
        int updated = db.inTransaction(c -> Db.update(c, "UPDATE hub_sandbox_platform_project SET times_received = "
                + "times_received + 1 WHERE xmdm = ?", xmdm));
        if (updated == 0) {
            try {
                db.inTransaction(c -> Db.update(c, "INSERT INTO hub_sandbox_platform_project (xmdm, body, received_at, "
                        + "times_received) VALUES (?, ?, ?, 1)", xmdm, body, now));
            } catch (Db.StoreException e) {
                db.inTransaction(c -> Db.update(c, "UPDATE hub_sandbox_platform_project SET times_received = "
                        + "times_received + 1 WHERE xmdm = ?", xmdm));
            }
        }
        return Response.ok(Map.of("code", "0", "msg", "success", "xmdm", xmdm)).build();
    }

    @GET
    @Path("/investment-platform/projects")
    public List<Map<String, Object>> projects(@QueryParam("xmdm") String xmdm) {
        sandbox.require();
        return db.read(c -> Db.list(c, "SELECT xmdm, body, received_at, times_received FROM hub_sandbox_platform_project "
                + (xmdm == null ? "" : "WHERE xmdm = ? ") + "ORDER BY received_at DESC", rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("xmdm", rs.getString(1));
                    try {
                        m.put("project", json.readTree(rs.getString(2)));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        m.put("project", rs.getString(2));
                    }
                    m.put("receivedAt", Db.time(rs, "received_at").toString());
                    m.put("timesReceived", rs.getInt(4));
                    return m;
                }, xmdm == null ? new Object[0] : new Object[] { xmdm }));
    }

    @GET
    @Path("/sms")
    public List<SandboxMessage> sms(@QueryParam("mobile") String mobile) {
        sandbox.require();
        return sms.messages(mobile);
    }
}
