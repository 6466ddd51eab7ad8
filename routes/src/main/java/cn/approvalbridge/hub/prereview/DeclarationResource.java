package cn.approvalbridge.hub.prereview;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.api.Bodies;
import cn.approvalbridge.hub.platform.api.Callers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.hub.platform.store.OutboxRelay;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.support.JsonInput;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The window declares projects and reads their state; departments post their pre-review opinions, each only for
 * itself. Every accepted message is stored (declaration or opinion, inbound log, trail, outbox) before the 2xx.
 */
@Path("/api/v1/declarations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeclarationResource {

    private static final Set<String> DECISIONS = Set.of("PASS", "REJECT");

    /** The department and the decision are checked against what is known: any other text, however long, is unknown. */
    private static final int ANY_LENGTH = Integer.MAX_VALUE;

    @Inject
    ObjectMapper json;

    @Inject
    Bodies bodies;

    @Inject
    DeclarationValidator validator;

    @Inject
    Declarations declarations;

    @Inject
    OutboxRelay relay;

    @Inject
    Departments departments;

    @Inject
    DeclarationView views;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed(Callers.WINDOW)
    @Operation(summary = "Declare a project (the window)", description = "202 stored and on its way to pre-review; 200 the "
            + "same body again (current state); 409 another body under the same declarationId; 400 every bad field")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Declaration.class)))
    public Response declare(String body) throws Exception {
        Declaration declaration = validator.validate(bodies.object(body));
        // canonical form: the validated, normalised declaration (so "+86 138 0013 8000" and "13800138000" are the same)
        String canonical = json.writeValueAsString(declaration);
        Declarations.Intake intake = declarations.declare(declaration, canonical, Trail.sha256(canonical),
                identity.getPrincipal().getName());
        return switch (intake.outcome()) {
            case CREATED -> {
                relay.relay(intake.message());
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("declarationId", intake.row().declarationId());
                v.put("status", intake.row().status().name());
                v.put("preReviewDueBy", intake.row().preReviewDueBy().toString());
                yield Response.accepted(v).build();
            }
            case SAME -> Response.ok(views.declaration(intake.row(), declarations.reviews(intake.row().declarationId()), true))
                    .build();
            default -> throw new ApiException(409, "declarationId", "conflict",
                    "declaration " + intake.row().declarationId() + " was already received with a different body");
        };
    }

    @POST
    @Path("/{declarationId}/pre-review-opinions")
    @RolesAllowed(Callers.DEPARTMENT)
    @Operation(summary = "A department's pre-review opinion (only for itself)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpinionDoc.class)))
    public Response opinion(@PathParam("declarationId") String declarationId, String body) throws Exception {
        JsonNode tree = bodies.object(body);
        JsonInput input = new JsonInput();
        String dept = input.text(tree, "departmentCode", ANY_LENGTH);
        if (dept != null && !departments.isKnown(dept)) {
            input.add("departmentCode", "unknown_department", "'" + dept + "' is not a configured department");
            dept = null;
        }
        String decision = input.text(tree, "decision", ANY_LENGTH);
        if (decision != null && !DECISIONS.contains(decision)) {
            input.add("decision", "not_allowed", "PASS or REJECT");
            decision = null;
        }
        String opinion = input.optionalText(tree, "opinion", "opinion", 1000);
        input.requiredWhen("REJECT".equals(decision), opinion, "opinion", "a REJECT must give the department's reasons");
        String caller = Callers.department(identity).orElse("");
        if (dept != null && !dept.equals(caller)) {
            throw new ApiException(403, "departmentCode", "not_your_department",
                    "dept-" + caller + " may answer only for department " + caller);
        }
        Bodies.check(input);
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("declarationId", declarationId);
        canonical.put("departmentCode", dept);
        canonical.put("decision", decision);
        canonical.put("opinion", opinion);
        Declarations.OpinionResult r = declarations.answer(declarationId, dept, decision, opinion,
                json.writeValueAsString(canonical));
        Map<String, Object> answer = new LinkedHashMap<>(canonical);
        answer.put("status", "RECEIVED");
        return switch (r.outcome()) {
            case CREATED -> {
                relay.relay(r.message());
                yield Response.accepted(answer).build();
            }
            case SAME -> Response.ok(answer).build();
            case NOT_FOUND -> throw new ApiException(404, "declarationId", "not_found", "no declaration " + declarationId);
            case NOT_REQUESTED -> throw new ApiException(403, "departmentCode", "not_requested",
                    "department " + dept + " was not asked to pre-review " + declarationId);
            default -> throw new ApiException(409, "decision", "conflict",
                    "department " + dept + " already answered " + declarationId + " differently");
        };
    }

    @GET
    @Path("/{declarationId}")
    @RolesAllowed({ Callers.WINDOW, Callers.DEPARTMENT, Callers.OPERATOR })
    public Map<String, Object> get(@PathParam("declarationId") String declarationId) {
        Declarations.Row row = declarations.find(declarationId)
                .orElseThrow(() -> new ApiException(404, "declarationId", "not_found", "no declaration " + declarationId));
        List<Declarations.Review> reviews = declarations.reviews(declarationId);
        Callers.department(identity).ifPresent(d -> {
            if (reviews.stream().noneMatch(r -> r.departmentCode().equals(d))) {
                throw new ApiException(403, "declarationId", "not_requested",
                        "department " + d + " does not review " + declarationId);
            }
        });
        return views.declaration(row, reviews, Callers.isWindow(identity));
    }

    /** The opinion body, for the OpenAPI document. */
    public record OpinionDoc(String departmentCode, String decision, String opinion) {
    }
}
