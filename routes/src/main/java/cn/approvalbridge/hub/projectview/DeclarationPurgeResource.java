package cn.approvalbridge.hub.projectview;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.api.Callers;
import cn.approvalbridge.hub.prereview.Declarations;

/** Retention for a declaration by its id: also those that never got a project code (rejected in pre-review, failed). */
@Path("/api/v1/declarations/{declarationId}/purge")
@Produces(MediaType.APPLICATION_JSON)
public class DeclarationPurgeResource {

    @Inject
    Declarations declarations;

    @Inject
    Purge purge;

    @POST
    @RolesAllowed(Callers.OPERATOR)
    public Map<String, Object> purge(@PathParam("declarationId") String declarationId) {
        return purge.purge(declarations.find(declarationId).orElseThrow(() -> new ApiException(404, "declarationId",
                "not_found", "no declaration " + declarationId)));
    }
}
