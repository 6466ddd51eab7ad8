package cn.approvalbridge.hub.prereview;

import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.support.Db;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.broker.Queues;

/**
 * Declarations and their pre-review state. Every inbound message is written here — the declaration or opinion, the
 * inbound message log, the trail entry and the outbox message in ONE transaction — before the API acknowledges it.
 */
@ApplicationScoped
public class Declarations {

    public enum Status {
        PRE_REVIEW, PRE_REVIEW_REJECTED, CODE_ASSIGNMENT, CODE_ASSIGNED, CODE_ASSIGNMENT_FAILED
    }

    public enum Outcome {
        CREATED, SAME, CONFLICT, NOT_FOUND, NOT_REQUESTED
    }

    public record Row(String declarationId, String bodySha256, String body, String projectName, String regionCode,
            String departmentCode, String projectTypeCode, String unitMobile, Status status, OffsetDateTime receivedAt,
            java.time.LocalDate preReviewDueBy, String projectCode, OffsetDateTime codeAssignedAt,
            OffsetDateTime platformRegisteredAt, OffsetDateTime decidedAt, String failure, String projectClass,
            String projectList, String keyProject) {
    }

    public record Review(String declarationId, String departmentCode, String status, java.time.LocalDate dueBy,
            java.time.LocalDate warnOn, OffsetDateTime requestedAt, String decision, String opinion,
            OffsetDateTime answeredAt, OffsetDateTime warnedAt, OffsetDateTime escalatedAt) {
    }

    public record Intake(Outcome outcome, Row row, Outbox.Message message) {
    }

    @Inject
    Db db;

    @Inject
    Trail trail;

    @Inject
    Outbox outbox;

    @Inject
    Deadlines deadlines;

    @Inject
    ObjectMapper json;

    public Intake declare(Declaration d, String canonicalBody, String sha, String caller) {
        Optional<Row> existing = find(d.declarationId());
        if (existing.isPresent()) {
            return new Intake(existing.get().bodySha256().equals(sha) ? Outcome.SAME : Outcome.CONFLICT, existing.get(), null);
        }
        try {
            Outbox.Message m = db.inTransaction(c -> {
                ZonedDateTime now = deadlines.now();
                OffsetDateTime at = now.toOffsetDateTime();
                Deadlines.Limits limits = deadlines.preReview(now);
                Db.update(c, "INSERT INTO hub_declaration (declaration_id, body_sha256, body, project_name, region_code, "
                        + "department_code, project_type_code, unit_mobile, status, received_at, pre_review_due_by, updated_at, "
                        + "project_class, project_list, key_project) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        d.declarationId(), sha, canonicalBody, d.projectName(), d.regionCode(), d.departmentCode(),
                        d.projectTypeCode(), d.unit().contactMobile(), Status.PRE_REVIEW.name(), at, limits.dueBy(), at,
                        d.projectClass(), d.projectList(), d.keyProject());
                for (String dept : d.preReviewDepartments()) {
                    Db.update(c, "INSERT INTO hub_department_review (declaration_id, department_code, status, due_by, warn_on) "
                            + "VALUES (?, ?, 'PENDING', ?, ?)", d.declarationId(), dept, limits.dueBy(), limits.warnOn());
                }
                Db.update(c, "INSERT INTO hub_inbound_message (message_id, source_system, kind, declaration_id, received_at, body) "
                        + "VALUES (?, ?, 'DECLARATION', ?, ?, ?)", "declaration:" + d.declarationId(), caller,
                        d.declarationId(), at, canonicalBody);
                trail.append(c, d.declarationId(), "IN", caller, "DECLARATION", canonicalBody);
                return outbox.add(c, Queues.DECLARATIONS, ref(d.declarationId(), null));
            });
            return new Intake(Outcome.CREATED, find(d.declarationId()).orElseThrow(), m);
        } catch (Db.StoreException e) {
            if (Db.isDuplicateKey(e)) {
                // a concurrent twin won the insert: answer as for a repeat
                Row row = find(d.declarationId()).orElseThrow(() -> e);
                return new Intake(row.bodySha256().equals(sha) ? Outcome.SAME : Outcome.CONFLICT, row, null);
            }
            throw e;
        }
    }

    public record OpinionResult(Outcome outcome, Outbox.Message message) {
    }

    public OpinionResult answer(String declarationId, String department, String decision, String opinion, String body) {
        return db.inTransaction(c -> {
            if (lock(c, declarationId).isEmpty()) {
                return new OpinionResult(Outcome.NOT_FOUND, null);
            }
            Optional<Review> review = reviews(c, declarationId).stream()
                    .filter(r -> r.departmentCode().equals(department)).findFirst();
            if (review.isEmpty()) {
                return new OpinionResult(Outcome.NOT_REQUESTED, null);
            }
            Review r = review.get();
            if (r.decision() != null) {
                boolean same = r.decision().equals(decision) && java.util.Objects.equals(r.opinion(), opinion);
                return new OpinionResult(same ? Outcome.SAME : Outcome.CONFLICT, null);
            }
            OffsetDateTime at = deadlines.now().toOffsetDateTime();
            Db.update(c, "UPDATE hub_department_review SET status = ?, decision = ?, opinion = ?, answered_at = ? "
                    + "WHERE declaration_id = ? AND department_code = ?", decision, decision, opinion, at, declarationId,
                    department);
            Db.update(c, "INSERT INTO hub_inbound_message (message_id, source_system, kind, declaration_id, received_at, body) "
                    + "VALUES (?, ?, 'PRE_REVIEW_OPINION', ?, ?, ?)", "opinion:" + declarationId + ":" + department,
                    "dept-" + department, declarationId, at, body);
            trail.append(c, declarationId, "IN", "dept-" + department, "PRE_REVIEW_OPINION", body);
            return new OpinionResult(Outcome.CREATED, outbox.add(c, Queues.OPINIONS, ref(declarationId, department)));
        });
    }

    public Optional<Row> find(String declarationId) {
        return db.read(c -> Db.one(c, "SELECT * FROM hub_declaration WHERE declaration_id = ?", Declarations::row, declarationId));
    }

    public Optional<Row> findByProjectCode(String projectCode) {
        return db.read(c -> Db.one(c, "SELECT * FROM hub_declaration WHERE project_code = ?", Declarations::row, projectCode));
    }

    public List<Review> reviews(String declarationId) {
        return db.read(c -> reviews(c, declarationId));
    }

    public static Optional<Row> lock(Connection c, String declarationId) throws SQLException {
        return Db.one(c, "SELECT * FROM hub_declaration WHERE declaration_id = ? FOR UPDATE", Declarations::row, declarationId);
    }

    public static List<Review> reviews(Connection c, String declarationId) throws SQLException {
        return Db.list(c, "SELECT * FROM hub_department_review WHERE declaration_id = ? ORDER BY department_code",
                rs -> new Review(rs.getString("declaration_id"), rs.getString("department_code"), rs.getString("status"),
                        Db.date(rs, "due_by"), Db.date(rs, "warn_on"), Db.time(rs, "requested_at"), rs.getString("decision"),
                        rs.getString("opinion"), Db.time(rs, "answered_at"), Db.time(rs, "warned_at"),
                        Db.time(rs, "escalated_at")),
                declarationId);
    }

    /** A row of hub_declaration read with SELECT *. */
    public static Row rowOf(java.sql.ResultSet rs) throws SQLException {
        return row(rs);
    }

    static Row row(java.sql.ResultSet rs) throws SQLException {
        return new Row(rs.getString("declaration_id"), rs.getString("body_sha256"), rs.getString("body"),
                rs.getString("project_name"), rs.getString("region_code"), rs.getString("department_code"),
                rs.getString("project_type_code"), rs.getString("unit_mobile"), Status.valueOf(rs.getString("status")),
                Db.time(rs, "received_at"), Db.date(rs, "pre_review_due_by"), rs.getString("project_code"),
                Db.time(rs, "code_assigned_at"), Db.time(rs, "platform_registered_at"), Db.time(rs, "decided_at"),
                rs.getString("failure"), rs.getString("project_class"), rs.getString("project_list"),
                rs.getString("key_project"));
    }

    /** The body of a step message: which declaration (and department) it is about; the state is in the database. */
    public String ref(String declarationId, String department) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("declarationId", declarationId);
        if (department != null) {
            m.put("departmentCode", department);
        }
        try {
            return json.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
