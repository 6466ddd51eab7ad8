package cn.approvalbridge.hub.partners.eia;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.commitment.EiaResults;
import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.api.Bodies;

/**
 * The EIA system (环评统建系统) pushes its approval results here, with its own identity (role {@code eia}), in the
 * format {@link EiaResultFormat} maps (the same as its poll answers, see EiaPoll). 202 taken (applied, or
 * held until the project reaches its EIA item: "status" says which), 200 the same result again, 409 another result
 * under the same resultId.
 */
@Path("/api/v1/eia-results")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EiaResultResource {

    static final String ROLE = "eia";

    @Inject
    Bodies bodies;
    @Inject
    EiaResults results;
    @Inject
    ObjectMapper json;

    @POST
    @RolesAllowed(ROLE)
    @Operation(summary = "An EIA result (the EIA system): recorded as the decision of the project's EIA item, once")
    public Response result(String body) throws Exception {
        EiaResultFormat.Mapped m = EiaResultFormat.map(bodies.object(body));
        String id = m.result().resultId();
        var r = results.receive(m.result(), m.canonicalJson(json));
        Map<String, Object> v = new LinkedHashMap<>(m.canonical());
        v.put("status", results.status(id).orElse("HELD"));
        return switch (r.kind()) {
            case CREATED -> Response.accepted(v).build();
            case SAME -> Response.ok(v).build();
            default -> throw new ApiException(409, "resultId", "conflict", r.message());
        };
    }
}
