package cn.approvalbridge.hub.sandbox.investmentplatform;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.sandbox.Sandbox;

/** The sandbox investment platform's project registration endpoint and its records (sandbox only, 404 otherwise). */
@Path("/sandbox/investment-platform/projects")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxPlatformProjectResource {

    @Inject
    Sandbox sandbox;

    @Inject
    SandboxInvestmentPlatform platform;

    @Inject
    ObjectMapper json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(String body) throws Exception {
        sandbox.require();
        JsonNode project = json.readTree(body);
        String xmdm = project.path("xmdm").asText(null);
        if (xmdm == null) {
            throw new ApiException(400, "xmdm", "required", "the project code is required");
        }
        platform.registered(xmdm, body);
        return Response.ok(Map.of("code", "0", "msg", "success", "xmdm", xmdm)).build();
    }

    @GET
    public List<Map<String, Object>> projects(@QueryParam("xmdm") String xmdm) {
        sandbox.require();
        return platform.projects(xmdm);
    }
}
