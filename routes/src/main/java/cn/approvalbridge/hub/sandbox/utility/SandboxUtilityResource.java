package cn.approvalbridge.hub.sandbox.utility;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.sandbox.Sandbox;
import cn.approvalbridge.hub.utility.Utility;
import cn.approvalbridge.hub.utility.UtilityApplication.SurveyWindow;

/**
 * The sandbox utility providers' HTTP side (sandbox only, 404 otherwise): power, gas and telecom take JSON, water takes
 * its XML; what each received, and its rule.
 */
@Path("/sandbox/utilities/{utility}")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxUtilityResource {

    private static final XmlMapper XML = new XmlMapper();

    @Inject
    Sandbox sandbox;

    @Inject
    SandboxUtilities providers;

    @Inject
    ObjectMapper json;

    @POST
    @Path("/requests")
    @Consumes(MediaType.WILDCARD)
    public Response request(@PathParam("utility") String utility, @HeaderParam("Content-Type") String type, String body) {
        sandbox.require();
        Utility u = utility(utility);
        if (providers.behaviour(u).rule() == SandboxUtilities.Rule.DOWN) {
            return Response.status(503).entity(Map.of("message", "sandbox provider " + u + " is DOWN")).build();
        }
        boolean xml = u.transport() == Utility.Transport.XML_HTTPS;
        if (xml != (type != null && type.contains("xml"))) {
            return Response.status(415).entity(Map.of("message", u + " takes " + (xml ? "XML" : "JSON"))).build();
        }
        JsonNode m;
        try {
            m = xml ? XML.readTree(body) : json.readTree(body);
        } catch (Exception e) {
            throw new ApiException(400, "$", "malformed", "not " + (xml ? "XML" : "JSON") + ": " + e.getMessage());
        }
        String id = m.path("applicationId").asText(null);
        String kind = m.path("kind").asText(null);
        if (id == null || kind == null) {
            throw new ApiException(400, "applicationId", "required", "applicationId and kind are required");
        }
        List<SurveyWindow> windows = new ArrayList<>();
        JsonNode ws = xml ? m.path("surveyWindows").path("window") : m.path("surveyWindows");
        if (ws.isObject()) { // one <window> element reads as an object, several as an array
            ws = json.createArrayNode().add(ws);
        }
        ws.forEach(w -> windows.add(new SurveyWindow(LocalDate.parse(w.path("from").asText()),
                LocalDate.parse(w.path("to").asText()))));
        String date = m.path("surveyDate").asText(null);
        providers.received(new SandboxUtilities.Received(u, kind, id, windows,
                date == null || date.isBlank() ? null : LocalDate.parse(date), body));
        if (xml) {
            return Response.ok("<Receipt><applicationId>" + id + "</applicationId><status>RECEIVED</status></Receipt>",
                    MediaType.APPLICATION_XML).build();
        }
        return Response.accepted(Map.of("applicationId", id, "utility", u.name(), "status", "RECEIVED")).build();
    }

    @GET
    @Path("/requests")
    public List<Map<String, Object>> received(@PathParam("utility") String utility,
            @QueryParam("applicationId") String applicationId) {
        sandbox.require();
        return providers.receivedBy(utility(utility), applicationId);
    }

    @GET
    @Path("/rule")
    public SandboxUtilities.Behaviour rule(@PathParam("utility") String utility) {
        sandbox.require();
        return providers.behaviour(utility(utility));
    }

    @PUT
    @Path("/rule")
    @Consumes(MediaType.APPLICATION_JSON)
    public SandboxUtilities.Behaviour setRule(@PathParam("utility") String utility, SandboxUtilities.Behaviour b) {
        sandbox.require();
        if (b == null || b.rule() == null) {
            throw new ApiException(400, "rule", "required", "CONNECT, REJECT, SILENCE or DOWN");
        }
        providers.setBehaviour(utility(utility), b);
        return providers.behaviour(utility(utility));
    }

    private static Utility utility(String s) {
        Utility u = Utility.parse(s);
        if (u == null) {
            throw new ApiException(404, "utility", "unknown_utility", "no sandbox provider " + s);
        }
        return u;
    }
}
