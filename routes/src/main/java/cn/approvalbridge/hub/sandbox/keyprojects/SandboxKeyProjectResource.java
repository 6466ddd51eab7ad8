package cn.approvalbridge.hub.sandbox.keyprojects;

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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.sandbox.Sandbox;
import cn.approvalbridge.hub.sandbox.engine.Message;
import cn.approvalbridge.hub.sandbox.engine.SimulatorEngine;
import cn.approvalbridge.support.JsonInput;

/**
 * The sandbox key-project platform (sandbox only, 404 otherwise): it records each project's row per month once (by
 * xmdm and tbyf), counting repeats; GET ?month=YYYY-MM lists the rows of a month.
 */
@Path("/sandbox/key-projects/reports")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxKeyProjectResource {

    private static final String SIMULATOR = "key-projects";
    private static final String PLATFORM = "PLATFORM";

    @Inject
    Sandbox sandbox;
    @Inject
    SimulatorEngine engine;
    @Inject
    ObjectMapper json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> receive(String body) {
        sandbox.require();
        JsonNode r = JsonInput.object(body);
        String xmdm = r.path("xmdm").asText("");
        String month = r.path("tbyf").asText("");
        if (xmdm.isBlank() || month.isBlank()) {
            throw new ApiException(400, xmdm.isBlank() ? "xmdm" : "tbyf", "required", "is required");
        }
        engine.receive(Message.arrived(SIMULATOR, PLATFORM, "ROW", month, xmdm, body));
        return Map.of("code", "0", "xmdm", xmdm, "tbyf", month);
    }

    @GET
    public List<Map<String, Object>> rows(@QueryParam("month") String month) {
        sandbox.require();
        return engine.received(SIMULATOR, PLATFORM, "ROW", month).stream().map(m -> Map.<String, Object>of(
                "projectCode", m.key(), "month", m.subject(), "row", tree(m.body()),
                "receivedAt", m.receivedAt().toString(), "timesReceived", m.timesReceived())).toList();
    }

    private Object tree(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return body;
        }
    }
}
