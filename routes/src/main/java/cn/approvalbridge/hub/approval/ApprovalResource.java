package cn.approvalbridge.hub.approval;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.api.Callers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.store.OutboxRelay;
import cn.approvalbridge.support.FieldError;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Steps 4-7 of a coded project (issue 5): departments' item lists, the unit's materials (through the window), the
 * departments' reviews of them and their approval results. Each accepted message is stored with its trail entry and the
 * messages it causes before the 2xx; the same message again answers 200, a different one under the same key 409.
 */
@Path("/api/v1/projects/{projectCode}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    private static final String ITEM_CODE = "[A-Za-z0-9_-]{1,64}";

    // The request bodies as OpenAPI shows them to partner systems (the endpoints read the JSON themselves, so that every
    // bad field is named in one 400).
    public record ItemDoc(String itemCode, String itemName, int timeLimitDays,
            @Schema(enumeration = { "立项用地规划许可", "工程建设许可", "施工许可", "竣工验收" }) String stage,
            List<String> prerequisites) {
    }

    public record ItemListDoc(List<ItemDoc> items, @Schema(description = "true: no item of this department is needed")
    Boolean notNeeded) {
    }

    public record DocumentDoc(String name, @Schema(description = "http(s), oss, s3 or sftp URL in the window's file store")
    String url, @Schema(description = "absent: for every item of the submission") String itemCode) {
    }

    public record MaterialsDoc(String submissionId,
            @Schema(description = "absent: every item awaiting materials") List<String> itemCodes, List<DocumentDoc> documents) {
    }

    public record ReviewDoc(String itemCode, @Schema(enumeration = { "ACCEPTED", "RETURNED" }) String decision,
            @Schema(description = "required when RETURNED (补正)") String reasons) {
    }

    public record ResultDoc(String itemCode, @Schema(enumeration = { "APPROVED", "DISAPPROVED" }) String decision,
            @Schema(description = "批复文号, required when APPROVED") String documentNumber,
            @Schema(format = "date") String documentDate, String opinion) {
    }

    @Inject
    ObjectMapper json;
    @Inject
    ApprovalFlow flow;
    @Inject
    OutboxRelay relay;
    @Inject
    SecurityIdentity identity;

    @POST
    @Path("/item-lists")
    @RolesAllowed(Callers.DEPARTMENT)
    @Operation(summary = "Step 4: a department's required approval items, or {\"notNeeded\": true} (only for itself)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ItemListDoc.class)))
    public Response itemList(@PathParam("projectCode") String code, String body) throws Exception {
        JsonNode tree = object(body);
        List<FieldError> errors = new ArrayList<>();
        String dept = callerDepartment(tree, errors);
        List<ApprovalFlow.NewItem> items = new ArrayList<>();
        JsonNode notNeeded = tree.get("notNeeded");
        boolean none = notNeeded != null && notNeeded.isBoolean() && notNeeded.asBoolean();
        if (notNeeded != null && !notNeeded.isNull() && !notNeeded.isBoolean()) {
            errors.add(new FieldError("notNeeded", "not_allowed", "true or absent"));
        }
        JsonNode arr = tree.get("items");
        if (none) {
            if (arr != null && !arr.isNull() && !(arr.isArray() && arr.isEmpty())) {
                errors.add(new FieldError("items", "not_allowed", "no items with notNeeded: true"));
            }
        } else if (arr == null || arr.isNull()) {
            errors.add(new FieldError("items", "required", "the required items, or {\"notNeeded\": true}"));
        } else if (!arr.isArray()) {
            errors.add(new FieldError("items", "not_an_array", "must be an array"));
        } else if (arr.isEmpty()) {
            errors.add(new FieldError("items", "empty", "at least one item, or {\"notNeeded\": true}"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < arr.size(); i++) {
                String p = "items[" + i + "]";
                JsonNode it = arr.get(i);
                if (!it.isObject()) {
                    errors.add(new FieldError(p, "not_an_object", "must be an object"));
                    continue;
                }
                String ic = text(it, p + ".itemCode", "itemCode", 64, errors);
                if (ic != null && !ic.matches(ITEM_CODE)) {
                    errors.add(new FieldError(p + ".itemCode", "format", "letters, digits, '-' or '_'"));
                    ic = null;
                } else if (ic != null && !seen.add(ic)) {
                    errors.add(new FieldError(p + ".itemCode", "duplicate", "listed twice"));
                }
                String name = text(it, p + ".itemName", "itemName", 200, errors);
                Integer days = null;
                JsonNode d = it.get("timeLimitDays");
                if (d == null || d.isNull()) {
                    errors.add(new FieldError(p + ".timeLimitDays", "required", "working days"));
                } else if (!d.isIntegralNumber()) {
                    errors.add(new FieldError(p + ".timeLimitDays", "not_a_number", "a whole number of working days"));
                } else if (d.asInt() < 1 || d.asInt() > 120) {
                    errors.add(new FieldError(p + ".timeLimitDays", "must_be_positive", "1 to 120 working days"));
                } else {
                    days = d.asInt();
                }
                String stage = text(it, p + ".stage", "stage", 20, errors);
                if (stage != null && !ApprovalItems.STAGES.contains(stage)) {
                    errors.add(new FieldError(p + ".stage", "not_allowed", String.join(" | ", ApprovalItems.STAGES)));
                }
                List<String> pre = new ArrayList<>();
                JsonNode pr = it.get("prerequisites");
                if (pr != null && !pr.isNull()) {
                    if (!pr.isArray()) {
                        errors.add(new FieldError(p + ".prerequisites", "not_an_array", "item codes"));
                    } else {
                        for (int k = 0; k < pr.size(); k++) {
                            if (!pr.get(k).isTextual() || !pr.get(k).asText().matches(ITEM_CODE)) {
                                errors.add(new FieldError(p + ".prerequisites[" + k + "]", "format", "an item code"));
                            } else if (pr.get(k).asText().equals(ic)) {
                                errors.add(new FieldError(p + ".prerequisites[" + k + "]", "not_allowed", "an item cannot precede itself"));
                            } else {
                                pre.add(pr.get(k).asText());
                            }
                        }
                    }
                }
                if (ic != null && name != null && days != null && stage != null) {
                    items.add(new ApprovalFlow.NewItem(ic, name, days, stage, pre));
                }
            }
        }
        check(errors);
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("projectCode", code);
        canonical.put("departmentCode", dept);
        canonical.put("notNeeded", none);
        canonical.put("items", items);
        return answer(flow.itemList(code, dept, items, json.writeValueAsString(canonical)), canonical, "items");
    }

    @POST
    @Path("/materials")
    @RolesAllowed(Callers.WINDOW)
    @Operation(summary = "Step 5: the unit's materials (the window); passed to the departments concerned")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MaterialsDoc.class)))
    public Response materials(@PathParam("projectCode") String code, String body) throws Exception {
        JsonNode tree = object(body);
        List<FieldError> errors = new ArrayList<>();
        String submissionId = text(tree, "submissionId", "submissionId", 64, errors);
        List<String> itemCodes = new ArrayList<>();
        JsonNode arr = tree.get("itemCodes");
        if (arr != null && !arr.isNull()) {
            if (!arr.isArray()) {
                errors.add(new FieldError("itemCodes", "not_an_array", "item codes; absent = every item awaiting materials"));
            } else {
                for (int k = 0; k < arr.size(); k++) {
                    if (!arr.get(k).isTextual() || !arr.get(k).asText().matches(ITEM_CODE)) {
                        errors.add(new FieldError("itemCodes[" + k + "]", "format", "an item code"));
                    } else {
                        itemCodes.add(arr.get(k).asText());
                    }
                }
            }
        }
        List<ApprovalFlow.Document> documents = documents(tree.get("documents"), errors);
        check(errors);
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("projectCode", code);
        canonical.put("submissionId", submissionId);
        canonical.put("itemCodes", itemCodes);
        canonical.put("documents", documents);
        return answer(flow.materials(code, submissionId, itemCodes, documents, json.writeValueAsString(canonical)),
                canonical, "submissionId");
    }

    @POST
    @Path("/material-reviews")
    @RolesAllowed(Callers.DEPARTMENT)
    @Operation(summary = "Step 5: a department's review of an item's materials: ACCEPTED, or RETURNED with reasons")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewDoc.class)))
    public Response review(@PathParam("projectCode") String code, String body) throws Exception {
        JsonNode tree = object(body);
        List<FieldError> errors = new ArrayList<>();
        String dept = callerDepartment(tree, errors);
        String itemCode = text(tree, "itemCode", "itemCode", 64, errors);
        String decision = decision(tree, "ACCEPTED", "RETURNED", errors);
        String reasons = optionalText(tree, "reasons", 1000, errors);
        requiredWhen("RETURNED".equals(decision), reasons, "reasons", "RETURNED must say what to correct", errors);
        check(errors);
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("projectCode", code);
        canonical.put("departmentCode", dept);
        canonical.put("itemCode", itemCode);
        canonical.put("decision", decision);
        canonical.put("reasons", reasons);
        return answer(flow.review(code, dept, itemCode, decision, reasons, json.writeValueAsString(canonical)), canonical,
                "decision");
    }

    @POST
    @Path("/approval-results")
    @RolesAllowed(Callers.DEPARTMENT)
    @Operation(summary = "Step 6: a department's decision on an item, with 批复文号 and date; 409 before its prerequisites")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResultDoc.class)))
    public Response result(@PathParam("projectCode") String code, String body) throws Exception {
        JsonNode tree = object(body);
        List<FieldError> errors = new ArrayList<>();
        String dept = callerDepartment(tree, errors);
        String itemCode = text(tree, "itemCode", "itemCode", 64, errors);
        String decision = decision(tree, "APPROVED", "DISAPPROVED", errors);
        String number = optionalText(tree, "documentNumber", 100, errors);
        requiredWhen("APPROVED".equals(decision), number, "documentNumber",
                "an approval carries its document number (批复文号)", errors);
        LocalDate date = null;
        String ds = text(tree, "documentDate", "documentDate", 10, errors);
        if (ds != null) {
            try {
                date = LocalDate.parse(ds);
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(new FieldError("documentDate", "format", "yyyy-MM-dd"));
            }
        }
        String opinion = optionalText(tree, "opinion", 1000, errors);
        check(errors);
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("projectCode", code);
        canonical.put("departmentCode", dept);
        canonical.put("itemCode", itemCode);
        canonical.put("decision", decision);
        canonical.put("documentNumber", number);
        canonical.put("documentDate", ds);
        canonical.put("opinion", opinion);
        return answer(flow.decide(code, dept, itemCode, decision, number, date, opinion, "dept-" + dept,
                json.writeValueAsString(canonical)), canonical, "itemCode");
    }

    private Response answer(ApprovalFlow.Result r, Map<String, Object> canonical, String conflictField) {
        Map<String, Object> v = new LinkedHashMap<>(canonical);
        v.put("status", "RECEIVED");
        return switch (r.outcome()) {
            case CREATED -> {
                r.messages().forEach(relay::relay);
                yield Response.accepted(v).build();
            }
            case SAME -> Response.ok(v).build();
            case NOT_FOUND -> throw new ApiException(404, "projectCode", "not_found", r.message());
            case NOT_REQUESTED -> throw new ApiException(403, "itemCode", "not_requested", r.message());
            case NOT_YOUR_ITEM -> throw new ApiException(403, "itemCode", "not_your_department", r.message());
            case WRONG_STATE -> throw new ApiException(409, "$", "wrong_state", r.message());
            case PREREQUISITE_PENDING -> throw new ApiException(409, "itemCode", "prerequisite_pending", r.message());
            default -> throw new ApiException(409, conflictField, "conflict", r.message());
        };
    }

    private String callerDepartment(JsonNode tree, List<FieldError> errors) {
        String caller = Callers.department(identity).orElse("");
        JsonNode d = tree.get("departmentCode");
        if (d != null && !d.isNull() && !caller.equals(d.asText())) {
            throw new ApiException(403, "departmentCode", "not_your_department",
                    "dept-" + caller + " may answer only for department " + caller);
        }
        return caller;
    }

    private JsonNode object(String body) {
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(400, "$", "malformed_json", "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null) {
            throw new ApiException(400, "$", "required", "a JSON body is required");
        }
        if (!tree.isObject()) {
            throw new ApiException(400, "$", "not_an_object", "the body must be a JSON object");
        }
        return tree;
    }

    /**
     * The submission's documents (材料): each a name and where the department fetches it (the window's file store: an
     * http(s) URL or a store reference), for one item or, without itemCode, for every item of the submission.
     */
    private static List<ApprovalFlow.Document> documents(JsonNode arr, List<FieldError> errors) {
        List<ApprovalFlow.Document> out = new ArrayList<>();
        if (arr == null || arr.isNull()) {
            return out;
        }
        if (!arr.isArray()) {
            errors.add(new FieldError("documents", "not_an_array", "the documents handed in: [{name, url, itemCode?}]"));
            return out;
        }
        if (arr.size() > MAX_DOCUMENTS) {
            errors.add(new FieldError("documents", "too_many", "at most " + MAX_DOCUMENTS + " documents per submission"));
            return out;
        }
        for (int k = 0; k < arr.size(); k++) {
            String p = "documents[" + k + "]";
            JsonNode d = arr.get(k);
            if (!d.isObject()) {
                errors.add(new FieldError(p, "not_an_object", "a document: {name, url, itemCode?}"));
                continue;
            }
            String name = text(d, p + ".name", "name", 200, errors);
            String url = text(d, p + ".url", "url", 1000, errors);
            if (url != null && !url.matches("(https?|oss|s3|sftp)://\\S+")) {
                errors.add(new FieldError(p + ".url", "format", "an http(s), oss, s3 or sftp URL of the window's file store"));
            }
            String item = null;
            JsonNode ic = d.get("itemCode");
            if (ic != null && !ic.isNull()) {
                if (!ic.isTextual() || !ic.asText().matches(ITEM_CODE)) {
                    errors.add(new FieldError(p + ".itemCode", "format", "an item code"));
                } else {
                    item = ic.asText();
                }
            }
            out.add(new ApprovalFlow.Document(name, url, item));
        }
        return out;
    }

    /** The body's "decision": one of the two this endpoint takes (null, with the error, otherwise). */
    private static String decision(JsonNode tree, String one, String other, List<FieldError> errors) {
        String decision = text(tree, "decision", "decision", 16, errors);
        if (decision != null && !decision.equals(one) && !decision.equals(other)) {
            errors.add(new FieldError("decision", "not_allowed", one + " or " + other));
            return null;
        }
        return decision;
    }

    /** An optional field the decision makes required (unless the field already has an error of its own). */
    private static void requiredWhen(boolean required, String value, String field, String why, List<FieldError> errors) {
        if (required && value == null && errors.stream().noneMatch(e -> e.field().equals(field))) {
            errors.add(new FieldError(field, "required", why));
        }
    }

    private static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ApiException(400, errors);
        }
    }

    private static final int MAX_DOCUMENTS = 200;

    private static String text(JsonNode tree, String field, String name, int max, List<FieldError> errors) {
        JsonNode n = tree.get(name);
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            errors.add(new FieldError(field, "required", "is required"));
            return null;
        }
        if (!n.isTextual()) {
            errors.add(new FieldError(field, "not_a_string", "must be text"));
            return null;
        }
        if (n.asText().strip().length() > max) {
            errors.add(new FieldError(field, "too_long", "at most " + max + " characters"));
            return null;
        }
        return n.asText().strip();
    }

    private static String optionalText(JsonNode tree, String name, int max, List<FieldError> errors) {
        JsonNode n = tree.get(name);
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            return null;
        }
        return text(tree, name, name, max, errors);
    }
}
