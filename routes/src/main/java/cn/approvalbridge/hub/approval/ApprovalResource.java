package cn.approvalbridge.hub.approval;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
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

import cn.approvalbridge.hub.approval.ApprovalRecords.Document;
import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.api.Bodies;
import cn.approvalbridge.hub.platform.api.Callers;
import cn.approvalbridge.hub.platform.store.OutboxRelay;
import cn.approvalbridge.support.JsonInput;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Steps 4-7 of a coded project: departments' item lists, the unit's materials (through the window), the
 * departments' reviews of them and their approval results. Each accepted message is stored with its trail entry and the
 * messages it causes before the 2xx; the same message again answers 200, a different one under the same key 409.
 */
@Path("/api/v1/projects/{projectCode}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApprovalResource {

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

    public record WithdrawalDoc(String itemCode, @Schema(description = "why the unit withdraws (撤回原因)") String reason) {
    }

    @Inject
    ObjectMapper json;
    @Inject
    Bodies bodies;
    @Inject
    ItemLists itemLists;
    @Inject
    MaterialReviews materialReviews;
    @Inject
    ApprovalResults results;
    @Inject
    Withdrawals withdrawals;
    @Inject
    OutboxRelay relay;
    @Inject
    SecurityIdentity identity;
    @Inject
    Instance<ItemListExtension> extensions;

    @POST
    @Path("/item-lists")
    @RolesAllowed(Callers.DEPARTMENT)
    @Operation(summary = "Step 4: a department's required approval items, or {\"notNeeded\": true} (only for itself)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ItemListDoc.class)))
    public Response itemList(@PathParam("projectCode") String code, String body) throws Exception {
        JsonNode tree = bodies.object(body);
        String dept = callerDepartment(tree);
        JsonInput in = new JsonInput();
        ApprovalInput.ItemList list = ApprovalInput.itemList(tree, in);
        Map<String, Object> extended = new LinkedHashMap<>();
        for (ItemListExtension x : extensions) {
            Object read = x.read(tree, in);
            if (read != null) {
                extended.put(x.field(), read);
            }
        }
        Bodies.check(in);
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("projectCode", code);
        canonical.put("departmentCode", dept);
        canonical.put("notNeeded", list.notNeeded());
        canonical.put("items", list.items());
        canonical.putAll(extended);
        return answer(itemLists.itemList(code, dept, list.items(), extended, json.writeValueAsString(canonical)),
                canonical, "items");
    }

    @POST
    @Path("/materials")
    @RolesAllowed(Callers.WINDOW)
    @Operation(summary = "Step 5: the unit's materials (the window); passed to the departments concerned")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MaterialsDoc.class)))
    public Response materials(@PathParam("projectCode") String code, String body) throws Exception {
        JsonNode tree = bodies.object(body);
        JsonInput in = new JsonInput();
        String submissionId = in.text(tree, "submissionId", 64);
        List<String> itemCodes = ApprovalInput.itemCodes(tree, in);
        List<Document> documents = ApprovalInput.documents(tree.get("documents"), in);
        Bodies.check(in);
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("projectCode", code);
        canonical.put("submissionId", submissionId);
        canonical.put("itemCodes", itemCodes);
        canonical.put("documents", documents);
        return answer(materialReviews.materials(code, submissionId, itemCodes, documents,
                json.writeValueAsString(canonical)), canonical, "submissionId");
    }

    @POST
    @Path("/material-reviews")
    @RolesAllowed(Callers.DEPARTMENT)
    @Operation(summary = "Step 5: a department's review of an item's materials: ACCEPTED, or RETURNED with reasons")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewDoc.class)))
    public Response review(@PathParam("projectCode") String code, String body) throws Exception {
        JsonNode tree = bodies.object(body);
        String dept = callerDepartment(tree);
        JsonInput in = new JsonInput();
        ApprovalInput.Decision d = ApprovalInput.decision(tree, in, "ACCEPTED", "RETURNED", "reasons", 1000, "RETURNED",
                "RETURNED must say what to correct");
        Bodies.check(in);
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("projectCode", code);
        canonical.put("departmentCode", dept);
        canonical.put("itemCode", d.itemCode());
        canonical.put("decision", d.decision());
        canonical.put("reasons", d.text());
        return answer(materialReviews.review(code, dept, d.itemCode(), d.decision(), d.text(),
                json.writeValueAsString(canonical)), canonical, "decision");
    }

    @POST
    @Path("/approval-results")
    @RolesAllowed(Callers.DEPARTMENT)
    @Operation(summary = "Step 6: a department's decision on an item, with 批复文号 and date; 409 before its prerequisites")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResultDoc.class)))
    public Response result(@PathParam("projectCode") String code, String body) throws Exception {
        JsonNode tree = bodies.object(body);
        String dept = callerDepartment(tree);
        JsonInput in = new JsonInput();
        ApprovalInput.Decision d = ApprovalInput.decision(tree, in, "APPROVED", "DISAPPROVED", "documentNumber", 100,
                "APPROVED", "an approval carries its document number (批复文号)");
        LocalDate date = null;
        String ds = in.text(tree, "documentDate", 10);
        if (ds != null) {
            try {
                date = LocalDate.parse(ds);
            } catch (DateTimeParseException e) {
                in.add("documentDate", "format", "yyyy-MM-dd");
            }
        }
        String opinion = in.optionalText(tree, "opinion", "opinion", 1000);
        Bodies.check(in);
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("projectCode", code);
        canonical.put("departmentCode", dept);
        canonical.put("itemCode", d.itemCode());
        canonical.put("decision", d.decision());
        canonical.put("documentNumber", d.text());
        canonical.put("documentDate", ds);
        canonical.put("opinion", opinion);
        return answer(results.decide(code, dept, d.itemCode(), d.decision(), d.text(), date, opinion, "dept-" + dept,
                json.writeValueAsString(canonical)), canonical, "itemCode");
    }

    @POST
    @Path("/withdrawals")
    @RolesAllowed(Callers.WINDOW)
    @Operation(summary = "撤回: the unit withdraws an item's application before it is decided (the window); it may "
            + "apply for the item again by handing in materials naming it")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WithdrawalDoc.class)))
    public Response withdrawal(@PathParam("projectCode") String code, String body) throws Exception {
        JsonNode tree = bodies.object(body);
        JsonInput in = new JsonInput();
        String itemCode = in.text(tree, "itemCode", 64);
        String reason = in.text(tree, "reason", 1000);
        Bodies.check(in);
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("projectCode", code);
        canonical.put("itemCode", itemCode);
        canonical.put("reason", reason);
        return answer(withdrawals.withdraw(code, itemCode, reason, json.writeValueAsString(canonical)), canonical,
                "reason");
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

    /** The calling department; a body naming another one is refused (403) before its fields are checked. */
    private String callerDepartment(JsonNode tree) {
        String caller = Callers.department(identity).orElse("");
        JsonNode d = tree.get("departmentCode");
        if (d != null && !d.isNull() && !caller.equals(d.asText())) {
            throw new ApiException(403, "departmentCode", "not_your_department",
                    "dept-" + caller + " may answer only for department " + caller);
        }
        return caller;
    }
}
