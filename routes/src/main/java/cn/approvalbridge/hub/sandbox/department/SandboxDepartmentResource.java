package cn.approvalbridge.hub.sandbox.department;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.sandbox.Sandbox;

/** A sandbox department's pre-review endpoint and its rule (sandbox only, 404 otherwise). */
@Path("/sandbox/departments/{code}")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxDepartmentResource {

    @Inject
    Sandbox sandbox;

    @Inject
    SandboxDepartments departments;

    @POST
    @Path("/pre-review")
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
    @Path("/rule")
    public SandboxDepartments.Behaviour rule(@PathParam("code") String code) {
        sandbox.require();
        return departments.behaviour(code);
    }

    @PUT
    @Path("/rule")
    @Consumes(MediaType.APPLICATION_JSON)
    public SandboxDepartments.Behaviour setRule(@PathParam("code") String code, SandboxDepartments.Behaviour behaviour) {
        sandbox.require();
        if (behaviour == null || behaviour.rule() == null) {
            throw new ApiException(400, "rule", "required", "PASS, REJECT, SILENCE, DELAY or DOWN");
        }
        departments.setBehaviour(code, behaviour);
        return departments.behaviour(code);
    }
}
