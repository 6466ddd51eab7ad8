package cn.approvalbridge.hub.sandbox.department;

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

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.sandbox.Sandbox;

/**
 * A sandbox department's endpoint for the steps 4-7 messages (item-list requests, materials, prerequisite results),
 * and what it received (sandbox only, 404 otherwise).
 */
@Path("/sandbox/approval/departments/{code}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxDepartmentMessageResource {

    @Inject
    Sandbox sandbox;

    @Inject
    SandboxApproval approval;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response message(@PathParam("code") String code, JsonNode m) {
        sandbox.require();
        approval.received(code, m);
        return Response.accepted(Map.of("departmentCode", code, "status", "RECEIVED")).build();
    }

    /** What the sandbox department received from the hub for a project. */
    @GET
    public List<Map<String, Object>> received(@PathParam("code") String code, @QueryParam("projectCode") String projectCode) {
        sandbox.require();
        if (projectCode == null || projectCode.isBlank()) {
            throw new ApiException(400, "projectCode", "required", "the project code to list");
        }
        return approval.messages(code, projectCode);
    }
}
