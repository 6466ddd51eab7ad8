package cn.approvalbridge.hub.prereview;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.support.Masking;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.notice.Notices;
import cn.approvalbridge.hub.partners.functions.FunctionsGateway;
import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.hub.partners.department.DepartmentEndpoints;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.hub.prereview.Declarations.Row;
import cn.approvalbridge.hub.prereview.Declarations.Status;
import cn.approvalbridge.hub.platform.store.ProcessedMessages;
import cn.approvalbridge.hub.platform.store.Trail;

/**
 * The work behind each route, on the database. Every step is idempotent: state in the database says whether its side
 * effect is done, and a redelivered or replayed message only re-announces the next step (whose consumer is idempotent
 * too), so nothing is lost between a database commit and the broker's, and nothing happens twice.
 */
@ApplicationScoped
@Named("flowSteps")
public class FlowSteps {

    private static final Logger LOG = Logger.getLogger(FlowSteps.class);

    @Inject
    Db db;

    @Inject
    Declarations declarations;

    @Inject
    Trail trail;

    @Inject
    ProcessedMessages processed;

    @Inject
    Departments departments;

    @Inject
    DepartmentEndpoints endpoints;

    @Inject
    Deadlines deadlines;

    @Inject
    FunctionsGateway functions;

    @Inject
    ObjectMapper json;

    @Inject
    Notices notices;

    /** Fan-out: one department request per listed department. */
    public List<String> departmentRequests(String body) {
        String id = field(body, "declarationId");
        List<String> out = new ArrayList<>();
        for (Declarations.Review r : declarations.reviews(id)) {
            out.add(declarations.ref(id, r.departmentCode()));
        }
        return out;
    }

    /** The pre-review request a department receives (its adapter posts it); masked personal data. */
    public String departmentRequest(String body, Exchange exchange) throws Exception {
        String id = field(body, "declarationId");
        String dept = field(body, "departmentCode");
        exchange.getIn().setHeader(HubHeaders.DECLARATION_ID, id);
        exchange.getIn().setHeader(HubHeaders.DEPARTMENT_CODE, dept);
        Declarations.Review review = declarations.reviews(id).stream().filter(r -> r.departmentCode().equals(dept))
                .findFirst().orElseThrow(() -> new PermanentFailure("no pre-review of " + dept + " for " + id));
        exchange.getIn().setHeader(HubHeaders.ALREADY_DONE, processed.isProcessed("department-request", id + ":" + dept));
        Row row = declarations.find(id).orElseThrow();
        ObjectNode request = (ObjectNode) Masking.maskDeclaration(json.readTree(row.body()));
        ObjectNode out = json.createObjectNode();
        out.put("declarationId", id);
        out.put("departmentCode", dept);
        out.put("dueBy", review.dueBy().toString());
        out.put("answerTo", "/api/v1/declarations/" + id + "/pre-review-opinions");
        out.set("declaration", request);
        exchange.getIn().setHeader(Exchange.HTTP_URI, endpoints.preReviewUrl(dept));
        return json.writeValueAsString(out);
    }

    public void departmentRequested(@Header(HubHeaders.DECLARATION_ID) String id,
            @Header(HubHeaders.DEPARTMENT_CODE) String dept, Exchange exchange) {
        String sent = exchange.getProperty(HubHeaders.SENT_REQUEST, String.class);
        if (processed.markProcessed("department-request", id + ":" + dept)) {
            db.inTransaction(c -> {
                Declarations.lock(c, id);
                Db.update(c, "UPDATE hub_department_review SET requested_at = ? WHERE declaration_id = ? AND department_code = ?",
                        deadlines.now().toOffsetDateTime(), id, dept);
                trail.append(c, id, "OUT", "dept-" + dept, "PRE_REVIEW_REQUEST", sent == null ? "" : sent);
                return null;
            });
        }
    }

    /**
     * Aggregation of the opinions: all PASS → code assignment; a REJECT → the unit is told at once, with the reasons
     * given so far (a pass is no longer possible, and the seeds ask for the notice within a day). Returns the messages
     * to send as [queue, body] pairs; re-announces a decision already taken (its consumers are idempotent).
     */
    public List<String[]> aggregate(String body) {
        String id = field(body, "declarationId");
        return db.inTransaction(c -> {
            Row row = Declarations.lock(c, id).orElseThrow(() -> new PermanentFailure("unknown declaration " + id));
            List<Declarations.Review> reviews = Declarations.reviews(c, id);
            List<String[]> out = new ArrayList<>();
            Status status = row.status();
            if (status == Status.PRE_REVIEW) {
                boolean rejected = reviews.stream().anyMatch(r -> "REJECT".equals(r.decision()));
                boolean allPass = reviews.stream().allMatch(r -> "PASS".equals(r.decision()));
                OffsetDateTime now = deadlines.now().toOffsetDateTime();
                if (rejected) {
                    status = Status.PRE_REVIEW_REJECTED;
                } else if (allPass) {
                    status = Status.CODE_ASSIGNMENT;
                }
                if (status != Status.PRE_REVIEW) {
                    Db.update(c, "UPDATE hub_declaration SET status = ?, decided_at = ?, updated_at = ? WHERE declaration_id = ?",
                            status.name(), now, now, id);
                    trail.append(c, id, "HUB", "hub", "PRE_REVIEW_" + (rejected ? "REJECTED" : "PASSED"),
                            "{\"status\":\"" + status.name() + "\"}");
                }
            }
            if (status == Status.CODE_ASSIGNMENT) {
                out.add(new String[] { Queues.CODE_ASSIGNMENT, declarations.ref(id, null) });
            } else if (status == Status.PRE_REVIEW_REJECTED) {
                StringBuilder reasons = new StringBuilder();
                for (Declarations.Review r : reviews) {
                    if ("REJECT".equals(r.decision())) {
                        reasons.append(reasons.isEmpty() ? "" : "；").append(departments.name(r.departmentCode()))
                                .append("：").append(r.opinion() == null ? "未说明" : r.opinion());
                    }
                }
                out.add(new String[] { Queues.NOTIFICATIONS, notices.notice("PRE_REVIEW_REJECTED:" + id, "PRE_REVIEW_REJECTED",
                        row.unitMobile(), null, row.projectName(), Map.of("reasons", reasons.toString()), id) });
            }
            return out;
        });
    }

    /** Calls code assignment unless the code is already in; the platform registration follows. */
    public String assignCode(String body) throws Exception {
        String id = field(body, "declarationId");
        Row row = declarations.find(id).orElseThrow(() -> new PermanentFailure("unknown declaration " + id));
        if (row.projectCode() == null) {
            var call = new FunctionsGateway.AssignCodeCall(id, row.regionCode(), row.departmentCode(), row.projectTypeCode());
            var reply = functions.assignCode(call);
            String callJson = json.writeValueAsString(call);
            String replyJson = json.writeValueAsString(reply);
            if (!reply.assigned()) {
                db.inTransaction(c -> {
                    Declarations.lock(c, id);
                    OffsetDateTime now = deadlines.now().toOffsetDateTime();
                    Db.update(c, "UPDATE hub_declaration SET status = ?, failure = ?, updated_at = ? WHERE declaration_id = ?",
                            Status.CODE_ASSIGNMENT_FAILED.name(), truncate(replyJson, 1000), now, id);
                    trail.append(c, id, "OUT", "code-assignment", "ASSIGN_CODE", callJson);
                    trail.append(c, id, "IN", "code-assignment", "ASSIGN_CODE_REPLY", replyJson);
                    return null;
                });
                throw new PermanentFailure("code assignment rejected " + id + ": " + reply.errors());
            }
            db.inTransaction(c -> {
                Row locked = Declarations.lock(c, id).orElseThrow();
                if (locked.projectCode() == null) {
                    OffsetDateTime now = deadlines.now().toOffsetDateTime();
                    Db.update(c, "UPDATE hub_declaration SET project_code = ?, status = ?, code_assigned_at = ?, updated_at = ? "
                            + "WHERE declaration_id = ?", reply.projectCode(), Status.CODE_ASSIGNED.name(), now, now, id);
                    trail.append(c, id, "OUT", "code-assignment", "ASSIGN_CODE", callJson);
                    trail.append(c, id, "IN", "code-assignment", "ASSIGN_CODE_REPLY", replyJson);
                }
                return null;
            });
            LOG.infof("Declaration %s coded %s", id, reply.projectCode());
        }
        return declarations.ref(id, null);
    }

    /** The coded project in the investment platform's JSON (field names as the platform's public exchange uses). */
    public String platformProject(String body, Exchange exchange) throws Exception {
        String id = field(body, "declarationId");
        Row row = declarations.find(id).orElseThrow(() -> new PermanentFailure("unknown declaration " + id));
        if (row.projectCode() == null) {
            throw new PermanentFailure("declaration " + id + " has no project code yet");
        }
        exchange.getIn().setHeader(HubHeaders.DECLARATION_ID, id);
        exchange.getIn().setHeader(HubHeaders.ALREADY_DONE, row.platformRegisteredAt() != null);
        JsonNode d = json.readTree(row.body());
        ObjectNode p = json.createObjectNode();
        p.put("xmdm", row.projectCode());
        p.put("xmmc", d.path("projectName").asText());
        p.put("ztz", d.path("totalInvestment").decimalValue());
        p.put("nkgsj", d.path("plannedStart").asText());
        p.put("njcsj", d.path("plannedFinish").asText());
        p.put("jsdd", d.path("site").asText());
        p.put("jsgmjnr", d.path("scale").asText());
        p.put("xmlx", switch (d.path("approvalClass").asText()) {
            case "APPROVAL" -> "审批类项目";
            case "VERIFICATION" -> "核准类项目";
            default -> "备案类项目";
        });
        p.put("jsxz", switch (d.path("constructionNature").asText()) {
            case "NEW" -> "新建";
            case "EXPANSION" -> "扩建";
            case "RECONSTRUCTION" -> "改建";
            default -> "迁建";
        });
        p.put("xzqhdm", row.regionCode());
        p.put("sbrq", row.receivedAt().atZoneSameInstant(cn.approvalbridge.support.ChinaTime.ZONE).toLocalDate().toString());
        JsonNode unit = d.path("unit");
        ObjectNode dw = p.putArray("XMDWInfo").addObject();
        dw.put("lerepCertno", unit.path("creditCode").asText());
        dw.put("enterpriseName", unit.path("name").asText());
        dw.put("contactName", unit.path("contactName").asText());
        dw.put("contactPhone", unit.path("contactMobile").asText());
        return json.writeValueAsString(p);
    }

    /** Records the registration and announces the CODE_ASSIGNED notice. */
    public String platformRegistered(@Header(HubHeaders.DECLARATION_ID) String id, Exchange exchange) {
        String sent = exchange.getProperty(HubHeaders.SENT_REQUEST, String.class);
        String reply = exchange.getIn().getBody(String.class);
        Row row = db.inTransaction(c -> {
            Row locked = Declarations.lock(c, id).orElseThrow();
            if (locked.platformRegisteredAt() == null && sent != null) {
                OffsetDateTime now = deadlines.now().toOffsetDateTime();
                Db.update(c, "UPDATE hub_declaration SET platform_registered_at = ?, updated_at = ? WHERE declaration_id = ?",
                        now, now, id);
                trail.append(c, id, "OUT", "investment-platform", "PROJECT_REGISTRATION", sent);
                trail.append(c, id, "IN", "investment-platform", "PROJECT_REGISTRATION_REPLY", reply == null ? "" : reply);
            }
            return locked;
        });
        return notices.notice("CODE_ASSIGNED:" + id, "CODE_ASSIGNED", row.unitMobile(), row.projectCode(), row.projectName(),
                Map.of(), id);
    }

    /** Sends a notice through the result-notification function, once per eventId. */
    public void sendNotification(String body) throws Exception {
        JsonNode n = json.readTree(body);
        String eventId = n.path("eventId").asText();
        if (processed.isProcessed("notification", eventId)) {
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        n.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        var call = new FunctionsGateway.NotifyCall(eventId, n.path("event").asText(), n.path("mobile").asText(),
                n.hasNonNull("projectCode") ? n.get("projectCode").asText() : null,
                n.hasNonNull("projectName") ? n.get("projectName").asText() : null, params, false);
        var reply = functions.notify(call);
        String declarationId = n.path("declarationId").asText();
        String callJson = json.writeValueAsString(call);
        String replyJson = json.writeValueAsString(reply);
        if (reply.rejected() || processed.markProcessed("notification", eventId)) {
            trail.appendLocked(declarationId, "OUT", "result-notification", "NOTIFY_" + call.event(), callJson);
            trail.appendLocked(declarationId, "IN", "result-notification", "NOTIFY_REPLY", replyJson);
        }
        if (reply.rejected()) {
            // not marked processed: an operator may fix the cause and replay the dead letter
            throw new PermanentFailure("notification " + eventId + " rejected: " + reply.errors());
        }
    }

    String field(String body, String name) {
        try {
            JsonNode n = json.readTree(body).get(name);
            if (n == null || !n.isTextual()) {
                throw new PermanentFailure("message without " + name + ": " + truncate(body, 200));
            }
            return n.asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PermanentFailure("message is not JSON: " + truncate(body, 200));
        }
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
