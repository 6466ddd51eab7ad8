package cn.approvalbridge.hub.supervision;

import java.time.LocalDate;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.api.Bodies;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.support.JsonInput;

/**
 * The 13710 supervision system's feedback on a case it received from the hub: {@code caseId}, {@code instructions}
 * (批示), optionally the {@code deadline} it sets the department and its own {@code feedbackId} (without one, the body
 * itself identifies the feedback, so a re-sent one is a repeat). Shown on the project's views and in its trail.
 */
@Path("/api/v1/supervision/feedback")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SupervisionResource {

    /** The 13710 system's role (identity supervision). */
    public static final String ROLE = "supervision";

    @Inject
    Bodies bodies;
    @Inject
    SupervisionFeedback feedback;
    @Inject
    ObjectMapper json;

    @POST
    @RolesAllowed(ROLE)
    public Response post(String body) throws Exception {
        JsonNode tree = bodies.object(body);
        JsonInput input = new JsonInput();
        String caseId = input.id(tree, "caseId", "caseId");
        String instructions = input.text(tree, "instructions", "instructions", 2000);
        LocalDate deadline = JsonInput.missing(tree.get("deadline")) ? null : input.date(tree, "deadline", "deadline");
        String feedbackId = JsonInput.missing(tree.get("feedbackId")) ? null : input.id(tree, "feedbackId", "feedbackId");
        Bodies.check(input);
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("caseId", caseId);
        canonical.put("instructions", instructions);
        canonical.put("deadline", deadline == null ? null : deadline.toString());
        String key = feedbackId != null ? feedbackId : "FB-" + Trail.sha256(json.writeValueAsString(canonical)).substring(0, 20);
        canonical.put("feedbackId", key);
        String stored = json.writeValueAsString(canonical);
        Map<String, Object> answer = new LinkedHashMap<>(canonical);
        answer.put("status", "RECEIVED");
        return switch (feedback.receive(key, caseId, instructions, deadline, stored)) {
            case CREATED -> Response.accepted(answer).build();
            case SAME -> Response.ok(answer).build();
            case CONFLICT -> throw new ApiException(409, "feedbackId", "conflict",
                    "feedback " + key + " was received with another body");
            case NO_CASE -> throw new ApiException(404, "caseId", "not_found", "no supervision case " + caseId);
        };
    }
}
