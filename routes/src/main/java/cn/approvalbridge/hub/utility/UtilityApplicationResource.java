package cn.approvalbridge.hub.utility;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.store.OutboxRelay;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.JsonInput;
import cn.approvalbridge.support.ProjectCode;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The window files one joint utility application (一窗受理、一单申请) for a coded project. Field validation first (400
 * naming every bad field), then the project (404), then idempotency by applicationId (same body → 200 with the current
 * state, different → 409). Stored with its trail entry and outbox message before the 202.
 */
@Path("/api/v1/projects/{projectCode}/utility-applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UtilityApplicationResource {

    @Inject
    ObjectMapper json;

    @Inject
    Declarations declarations;

    @Inject
    UtilityApplications applications;

    @Inject
    OutboxRelay relay;

    @Inject
    UtilityViews views;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed("window")
    public Response apply(@PathParam("projectCode") String projectCode, String body) throws Exception {
        JsonNode tree = parse(body);
        var verification = ProjectCode.verify(projectCode, "projectCode");
        UtilityApplicationValidator.Result result = UtilityApplicationValidator.validate(projectCode, tree);
        if (!verification.valid() || !result.valid()) {
            var errors = new ArrayList<>(verification.errors());
            errors.addAll(result.errors());
            throw new ApiException(400, errors);
        }
        Declarations.Row project = declarations.findByProjectCode(projectCode).orElseThrow(() -> new ApiException(404,
                "projectCode", "not_found", "no coded project " + projectCode + " in the hub"));
        UtilityApplication app = result.application();
        String canonical = json.writeValueAsString(app);
        UtilityApplications.Intake intake = applications.apply(app, project, views.earlyStage(project),
                canonical, Trail.sha256(canonical), identity.getPrincipal().getName());
        return switch (intake.outcome()) {
            case CREATED -> {
                intake.messages().forEach(relay::relay);
                yield Response.accepted(views.intakeAnswer(intake.row(), true)).build();
            }
            case SAME -> Response.ok(views.intakeAnswer(intake.row(), true)).build();
            default -> throw new ApiException(409, "applicationId", "conflict", "utility application "
                    + app.applicationId() + " was already received with a different body");
        };
    }

    /** The body's JSON; a JSON value that is not an object is left to the validator, to be named with the others. */
    private JsonNode parse(String body) {
        try {
            return JsonInput.object(json, body);
        } catch (JsonInput.NotAnObject e) {
            if (!"not_an_object".equals(e.error().code())) {
                throw new ApiException(400, List.of(e.error()));
            }
            return null;
        }
    }
}
