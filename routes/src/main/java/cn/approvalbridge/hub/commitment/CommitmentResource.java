package cn.approvalbridge.hub.commitment;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.api.Bodies;
import cn.approvalbridge.hub.platform.api.Callers;
import cn.approvalbridge.hub.platform.store.OutboxRelay;
import cn.approvalbridge.support.JsonInput;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * A project item's commitment (告知承诺): the window hands it in, the department approves on it and later records its
 * follow-up check. As for the other steps: 202 stored with its trail entry and messages, 200 the same again, 409 a
 * different answer or the wrong moment.
 */
@Path("/api/v1/projects/{projectCode}/items/{itemCode}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CommitmentResource {

    @Inject
    ObjectMapper json;
    @Inject
    Bodies bodies;
    @Inject
    Commitments commitments;
    @Inject
    CommitmentChecks checks;
    @Inject
    Shortfalls shortfalls;
    @Inject
    OutboxRelay relay;
    @Inject
    SecurityIdentity identity;

    @POST
    @Path("/commitment")
    @RolesAllowed(Callers.WINDOW)
    @Operation(summary = "The unit's signed commitment {documentRef, textVersion} for an item granted on commitment; "
            + "409 credit_not_allowed for a unit with a serious dishonesty record")
    public Response commitment(@PathParam("projectCode") String code, @PathParam("itemCode") String itemCode,
            String body) throws Exception {
        JsonNode tree = bodies.object(body);
        JsonInput in = new JsonInput();
        String ref = in.text(tree, "documentRef", 500);
        String version = in.text(tree, "textVersion", 32);
        Bodies.check(in);
        Map<String, Object> canonical = canonical(code, itemCode);
        canonical.put("documentRef", ref);
        canonical.put("textVersion", version);
        return answer(commitments.submit(code, itemCode, ref, version, json.writeValueAsString(canonical)), canonical,
                "documentRef");
    }

    @POST
    @Path("/commitment-approval")
    @RolesAllowed(Callers.DEPARTMENT)
    @Operation(summary = "The department approves on the commitment (BLZT 11, commitment noted) {documentNumber, "
            + "documentDate, opinion}; 409 credit_pending until the credit system answered, credit_not_allowed")
    public Response approve(@PathParam("projectCode") String code, @PathParam("itemCode") String itemCode,
            String body) throws Exception {
        JsonNode tree = bodies.object(body);
        String dept = Callers.department(identity).orElse("");
        JsonInput in = new JsonInput();
        String number = in.text(tree, "documentNumber", 100);
        LocalDate date = JsonInput.missing(tree.get("documentDate")) ? null : in.date(tree, "documentDate", "documentDate");
        String opinion = in.optionalText(tree, "opinion", "opinion", 1000);
        Bodies.check(in);
        Map<String, Object> canonical = canonical(code, itemCode);
        canonical.put("departmentCode", dept);
        canonical.put("decision", "APPROVED");
        canonical.put("onCommitment", true);
        canonical.put("documentNumber", number);
        canonical.put("documentDate", date == null ? null : date.toString());
        canonical.put("opinion", opinion);
        return answer(commitments.approve(code, dept, itemCode, number, date, opinion, json.writeValueAsString(canonical)),
                canonical, "documentNumber");
    }

    @POST
    @Path("/commitment-check")
    @RolesAllowed(Callers.DEPARTMENT)
    @Operation(summary = "The follow-up check of an approval on commitment: {outcome: PASSED} or {outcome: FAILED, "
            + "reasons} (revokes the approval, BLZT 15, and reports the unit to the credit system)")
    public Response check(@PathParam("projectCode") String code, @PathParam("itemCode") String itemCode,
            String body) throws Exception {
        JsonNode tree = bodies.object(body);
        String dept = Callers.department(identity).orElse("");
        JsonInput in = new JsonInput();
        String outcome = in.oneOf(tree, "outcome", "outcome", java.util.Set.of(CommitmentChecks.PASSED,
                CommitmentChecks.FAILED), "PASSED | FAILED");
        String reasons = in.optionalText(tree, "reasons", "reasons", 1000);
        in.requiredWhen(CommitmentChecks.FAILED.equals(outcome), reasons, "reasons", "a failed check says why");
        Bodies.check(in);
        Map<String, Object> canonical = canonical(code, itemCode);
        canonical.put("departmentCode", dept);
        canonical.put("outcome", outcome);
        canonical.put("reasons", reasons);
        return answer(checks.record(code, dept, itemCode, outcome, reasons, json.writeValueAsString(canonical)),
                canonical, "outcome");
    }

    @POST
    @Path("/shortfall-acceptance")
    @RolesAllowed(Callers.DEPARTMENT)
    @Operation(summary = "容缺受理: the department accepts the item's materials with {missing: [names]} to come later "
            + "(only materials the item lets come later); the unit is told which and by when in one SMS")
    public Response shortfall(@PathParam("projectCode") String code, @PathParam("itemCode") String itemCode,
            String body) throws Exception {
        JsonNode tree = bodies.object(body);
        String dept = Callers.department(identity).orElse("");
        JsonInput in = new JsonInput();
        java.util.List<String> missing = names(tree, "missing", in);
        Bodies.check(in);
        Map<String, Object> canonical = canonical(code, itemCode);
        canonical.put("departmentCode", dept);
        canonical.put("decision", "ACCEPTED");
        canonical.put("missing", missing);
        return answer(shortfalls.accept(code, dept, itemCode, missing, json.writeValueAsString(canonical)), canonical,
                "missing");
    }

    @POST
    @Path("/shortfall-materials")
    @RolesAllowed(Callers.WINDOW)
    @Operation(summary = "The window hands in materials accepted missing: {materials: [names]}")
    public Response supplied(@PathParam("projectCode") String code, @PathParam("itemCode") String itemCode,
            String body) throws Exception {
        JsonNode tree = bodies.object(body);
        JsonInput in = new JsonInput();
        java.util.List<String> materials = names(tree, "materials", in);
        Bodies.check(in);
        Map<String, Object> canonical = canonical(code, itemCode);
        canonical.put("materials", materials);
        return answer(shortfalls.supplied(code, itemCode, materials, json.writeValueAsString(canonical)), canonical,
                "materials");
    }

    private static java.util.List<String> names(JsonNode tree, String field, JsonInput in) {
        java.util.List<String> names = new java.util.ArrayList<>();
        JsonNode arr = tree.get(field);
        if (arr == null || !arr.isArray() || arr.isEmpty()) {
            in.add(field, "required", "the materials' names, at least one");
            return names;
        }
        for (int i = 0; i < arr.size(); i++) {
            if (!arr.get(i).isTextual() || arr.get(i).asText().isBlank() || arr.get(i).asText().length() > 200) {
                in.add(field + "[" + i + "]", "format", "a material's name, up to 200 characters");
            } else if (names.contains(arr.get(i).asText())) {
                in.add(field + "[" + i + "]", "duplicate", "named twice");
            } else {
                names.add(arr.get(i).asText());
            }
        }
        return names;
    }

    static Map<String, Object> canonical(String code, String itemCode) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("projectCode", code);
        canonical.put("itemCode", itemCode);
        return canonical;
    }

    Response answer(Outcome r, Map<String, Object> canonical, String conflictField) {
        ApiException refused = r.refusal(conflictField);
        if (refused != null) {
            throw refused;
        }
        Map<String, Object> v = new LinkedHashMap<>(canonical);
        v.put("status", "RECEIVED");
        if (r.kind() == Outcome.Kind.SAME) {
            return Response.ok(v).build();
        }
        r.messages().forEach(relay::relay);
        return Response.accepted(v).build();
    }
}
