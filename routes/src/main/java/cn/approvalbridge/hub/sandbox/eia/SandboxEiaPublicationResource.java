package cn.approvalbridge.hub.sandbox.eia;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.sandbox.Sandbox;
import cn.approvalbridge.hub.sandbox.engine.UpDownRule;
import cn.approvalbridge.support.JsonInput;

/**
 * The sandbox EIA system publishing a result without pushing it ({@code POST /sandbox/eia/publications
 * {"projectCode", "resultId"?, "conclusion"?, "approvalNumber"?, ...}}, the defaults of the push): the hub learns of it
 * only by polling (hub.eia.poll-sandbox=true). Also what it published, the polls it received, and the poll's UP/DOWN
 * switch. Sandbox only (404 otherwise).
 */
@Path("/sandbox/eia/publications")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxEiaPublicationResource {

    @Inject
    Sandbox sandbox;
    @Inject
    SandboxEiaSystem eia;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> publish(String body) throws Exception {
        sandbox.require();
        JsonNode r = JsonInput.object(body);
        String code = r.path("projectCode").asText(null);
        if (code == null || code.isBlank()) {
            throw new ApiException(400, "projectCode", "required", "is required");
        }
        return eia.publish(SandboxEiaSystem.result(r, code));
    }

    @GET
    public List<Map<String, Object>> published() {
        sandbox.require();
        return eia.published();
    }

    @GET
    @Path("/polls")
    public List<Map<String, Object>> polls() {
        sandbox.require();
        return eia.polls();
    }

    @PUT
    @Path("/rule")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> rule(String body) {
        sandbox.require();
        boolean down = UpDownRule.down(body);
        eia.setDown(down);
        return Map.of("rule", down ? "DOWN" : "UP");
    }
}
