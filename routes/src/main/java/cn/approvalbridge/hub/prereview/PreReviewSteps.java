package cn.approvalbridge.hub.prereview;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.hub.platform.notice.Notices;
import cn.approvalbridge.hub.platform.store.ProcessedMessages;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations.Row;
import cn.approvalbridge.hub.prereview.Declarations.Status;
import cn.approvalbridge.support.Db;

/**
 * The pre-review flow between its queues: the fan-out of a declaration to its departments, the aggregation of their
 * opinions into a decision, and the state changes the partners report (department asked, code assigned or refused,
 * project registered at the platform), each with its trail entries in one transaction under the declaration's lock.
 * Every step is idempotent: state in the database says whether its side effect is done, and a redelivered or replayed
 * message only re-announces the next step (whose consumer is idempotent too), so nothing is lost between a database
 * commit and the broker's, and nothing happens twice.
 */
@ApplicationScoped
public class PreReviewSteps {

    private static final String DEPARTMENT_REQUEST = "department-request";

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
    Deadlines deadlines;

    @Inject
    ObjectMapper json;

    @Inject
    Notices notices;

    /** Fan-out: one department request per listed department. */
    public List<String> departmentRequests(String message) {
        String id = field(message, "declarationId");
        List<String> out = new ArrayList<>();
        for (Declarations.Review r : declarations.reviews(id)) {
            out.add(declarations.ref(id, r.departmentCode()));
        }
        return out;
    }

    /** The pre-review a department-request message asks of its department. */
    public PreReviewRequest preReviewRequest(String message) {
        String id = field(message, "declarationId");
        String dept = field(message, "departmentCode");
        Declarations.Review review = declarations.reviews(id).stream().filter(r -> r.departmentCode().equals(dept))
                .findFirst().orElseThrow(() -> new PermanentFailure("no pre-review of " + dept + " for " + id));
        boolean sent = processed.isProcessed(DEPARTMENT_REQUEST, id + ":" + dept);
        Row row = declarations.find(id).orElseThrow();
        return new PreReviewRequest(id, dept, review.dueBy(), "/api/v1/declarations/" + id + "/pre-review-opinions",
                row.body(), sent);
    }

    /** The department took its request ({@code sent}, as sent): asked at, and in the trail, once. */
    public void departmentRequested(String id, String dept, String sent) {
        // one transaction: the declaration's lock orders two copies of the message, the first records it
        db.inTransaction(c -> {
            Declarations.lock(c, id);
            if (processed.markProcessed(c, DEPARTMENT_REQUEST, id + ":" + dept)) {
                Db.update(c, "UPDATE hub_department_review SET requested_at = ? WHERE declaration_id = ? AND department_code = ?",
                        deadlines.now().toOffsetDateTime(), id, dept);
                trail.append(c, id, "OUT", "dept-" + dept, "PRE_REVIEW_REQUEST", sent == null ? "" : sent);
            }
            return null;
        });
    }

    /**
     * Aggregation of the opinions: all PASS → code assignment; a REJECT → the unit is told at once, with the reasons
     * given so far (a pass is no longer possible, and the seeds ask for the notice within a day). Returns the messages
     * to send as [queue, body] pairs; re-announces a decision already taken (its consumers are idempotent).
     */
    public List<String[]> aggregate(String message) {
        String id = field(message, "declarationId");
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
                out.add(new String[] { Queues.NOTIFICATIONS, notices.notice("PRE_REVIEW_REJECTED:" + id, "PRE_REVIEW_REJECTED",
                        row.unitMobile(), null, row.projectName(), Map.of("reasons", reasons(reviews)), id) });
            }
            return out;
        });
    }

    private String reasons(List<Declarations.Review> reviews) {
        StringBuilder reasons = new StringBuilder();
        for (Declarations.Review r : reviews) {
            if ("REJECT".equals(r.decision())) {
                reasons.append(reasons.isEmpty() ? "" : "；").append(departments.name(r.departmentCode()))
                        .append("：").append(r.opinion() == null ? "未说明" : r.opinion());
            }
        }
        return reasons.toString();
    }

    /** The declaration a step message (code assignment, platform registration) is about. */
    public Row declaration(String message) {
        String id = field(message, "declarationId");
        return declarations.find(id).orElseThrow(() -> new PermanentFailure("unknown declaration " + id));
    }

    /** The code assignment gave {@code projectCode} ({@code call} and {@code reply} as exchanged): once. */
    public void codeAssigned(String id, String projectCode, String call, String reply) {
        db.inTransaction(c -> {
            Row locked = Declarations.lock(c, id).orElseThrow();
            if (locked.projectCode() == null) {
                OffsetDateTime now = deadlines.now().toOffsetDateTime();
                Db.update(c, "UPDATE hub_declaration SET project_code = ?, status = ?, code_assigned_at = ?, updated_at = ? "
                        + "WHERE declaration_id = ?", projectCode, Status.CODE_ASSIGNED.name(), now, now, id);
                trail.append(c, id, "OUT", "code-assignment", "ASSIGN_CODE", call);
                trail.append(c, id, "IN", "code-assignment", "ASSIGN_CODE_REPLY", reply);
            }
            return null;
        });
    }

    /** The code assignment refused the declaration: its reply is kept as the failure an operator reads. */
    public void codeAssignmentFailed(String id, String call, String reply) {
        db.inTransaction(c -> {
            Declarations.lock(c, id);
            OffsetDateTime now = deadlines.now().toOffsetDateTime();
            Db.update(c, "UPDATE hub_declaration SET status = ?, failure = ?, updated_at = ? WHERE declaration_id = ?",
                    Status.CODE_ASSIGNMENT_FAILED.name(), truncate(reply, 1000), now, id);
            trail.append(c, id, "OUT", "code-assignment", "ASSIGN_CODE", call);
            trail.append(c, id, "IN", "code-assignment", "ASSIGN_CODE_REPLY", reply);
            return null;
        });
    }

    /**
     * The investment platform took the coded project ({@code sent}; null when it had taken it before): registered at,
     * and in the trail, once. Returns the CODE_ASSIGNED notice for the unit.
     */
    public String platformRegistered(String id, String sent, String reply) {
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
        return notices.toUnit("CODE_ASSIGNED:" + id, "CODE_ASSIGNED", row.unitMobile(), row.projectCode(), row.projectName(),
                Map.of(), id);
    }

    private String field(String message, String name) {
        try {
            JsonNode n = json.readTree(message).get(name);
            if (n == null || !n.isTextual()) {
                throw new PermanentFailure("message without " + name + ": " + truncate(message, 200));
            }
            return n.asText();
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("message is not JSON: " + truncate(message, 200));
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
