package cn.approvalbridge.hub.sandbox.projectapproval;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import cn.approvalbridge.hub.partners.projectapproval.StagingWriter;
import cn.approvalbridge.hub.sandbox.Sandbox;

/** Every staging row of a project: the 前置库 as the province sees it (sandbox only, 404 otherwise). */
@Path("/sandbox/approval/staging")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxStagingResource {

    @Inject
    Sandbox sandbox;

    @Inject
    StagingWriter staging;

    @GET
    public Map<String, List<Map<String, Object>>> stagingRows(@QueryParam("xmdm") String xmdm) {
        sandbox.require();
        return staging.rows(xmdm);
    }
}
