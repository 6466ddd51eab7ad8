package cn.approvalbridge.hub.platform.partners;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import cn.approvalbridge.hub.platform.api.Callers;

/** Operators see each partner system: breaker state and since, messages waiting and the oldest, the last error. */
@Path("/api/v1/partners")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Callers.OPERATOR)
public class PartnerResource {

    @Inject
    PartnerBreakers breakers;

    @GET
    public List<PartnerStatus> list() {
        return breakers.statuses();
    }
}
