package cn.approvalbridge.hub.projectview;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.prereview.Declarations;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The one query (一口查询) in JSON, for the window (unmasked) and operators (masked): the approval step, each
 * department's state and each utility's progress. The page {@link StatusPageResource} renders the same model.
 */
@Path("/api/v1/projects/{projectCode}/status")
public class ProjectStatusResource {

    @Inject
    Declarations declarations;

    @Inject
    ProjectStatusView views;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "window", "operator" })
    public ProjectStatus status(@PathParam("projectCode") String projectCode) {
        return views.project(find(projectCode), identity.hasRole("window"));
    }

    private Declarations.Row find(String projectCode) {
        return declarations.findByProjectCode(projectCode)
                .orElseThrow(() -> new ApiException(404, "projectCode", "not_found", "no project " + projectCode));
    }
}
