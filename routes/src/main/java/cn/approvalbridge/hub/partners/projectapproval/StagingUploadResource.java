package cn.approvalbridge.hub.partners.projectapproval;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.api.Callers;

/** Operators list the staging rows the province refused, and offer one again once its cause is fixed. */
@Path("/api/v1/staging/upload-failures")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Callers.OPERATOR)
public class StagingUploadResource {

    @Inject
    StagingUploads uploads;

    @GET
    public List<StagingUploads.Failure> list() {
        return uploads.failures();
    }

    @POST
    @Path("/{table}/{dfsjzj}/rewrite")
    public StagingUploads.Failure rewrite(@PathParam("table") String table, @PathParam("dfsjzj") String dfsjzj)
            throws Exception {
        return uploads.rewrite(table, dfsjzj).orElseThrow(() -> new ApiException(404, "dfsjzj", "not_found",
                "no refused row " + dfsjzj + " in " + table));
    }
}
