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

import cn.approvalbridge.hub.sandbox.Sandbox;

/** The sandbox investment platform's endpoint for approval results (step 6), and what it received. */
@Path("/sandbox/approval/investment-platform/results")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxPlatformResultResource {

    @Inject
    Sandbox sandbox;

    @Inject
    SandboxInvestmentPlatform platform;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response result(JsonNode r) {
        sandbox.require();
        // a revocation (spjg 撤销) is a message of its own, listed under "<item>:REVOKED"
        String key = r.path("spsxbm").asText() + ("撤销".equals(r.path("spjg").asText()) ? ":REVOKED" : "");
        platform.resultShared(r.path("xmdm").asText(), key, r.toString());
        return Response.ok(Map.of("code", 0)).build();
    }

    @GET
    public List<Map<String, Object>> results(@QueryParam("xmdm") String xmdm) {
        sandbox.require();
        return platform.results(xmdm);
    }
}
