package cn.approvalbridge.hub.projectview;

import cn.approvalbridge.hub.prereview.DeclarationView;
import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.api.Callers;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.platform.store.Trail;
import io.quarkus.security.identity.SecurityIdentity;

/** A coded project by its code: its state, and its trail (every message in and out, hash-chained). */
@Path("/api/v1/projects/{projectCode}")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    @Inject
    Declarations declarations;

    @Inject
    Trail trail;

    @Inject
    DeclarationView views;

    @Inject
    TrailView trails;

    @Inject
    SecurityIdentity identity;

    @Inject
    Purge purge;

    @GET
    @RolesAllowed({ Callers.WINDOW, Callers.OPERATOR })
    public Map<String, Object> get(@PathParam("projectCode") String projectCode) {
        Declarations.Row row = find(projectCode);
        return views.declaration(row, declarations.reviews(row.declarationId()), Callers.isWindow(identity));
    }

    @GET
    @Path("/trail")
    @RolesAllowed({ Callers.WINDOW, Callers.OPERATOR })
    public Map<String, Object> trail(@PathParam("projectCode") String projectCode,
            @QueryParam("verify") @DefaultValue("false") boolean verify) {
        Declarations.Row row = find(projectCode);
        var entries = trail.entries(row.declarationId());
        return trails.trail(projectCode, row.declarationId(), entries, Callers.isWindow(identity),
                verify ? trail.verify(entries) : null);
    }

    /** Retention: the project's personal data masked in every table that holds it (see {@link Purge}). */
    @POST
    @Path("/trail/purge")
    @RolesAllowed(Callers.OPERATOR)
    public Map<String, Object> purge(@PathParam("projectCode") String projectCode) {
        return purge.purge(find(projectCode));
    }

    private Declarations.Row find(String projectCode) {
        return declarations.findByProjectCode(projectCode)
                .orElseThrow(() -> new ApiException(404, "projectCode", "not_found", "no project " + projectCode));
    }
}
