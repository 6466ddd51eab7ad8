package cn.approvalbridge.hub.credit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;

/**
 * The project unit's credit checks (信用信息自动核查): one at intake, and one before each commitment-based approval. A
 * check is owed (PENDING) from the moment it is asked until the credit information system answers; the system being
 * down never holds up intake: the request waits on the broker and the view says "pending". Each answer is taken once,
 * with the request and the reply in the project's trail.
 */
@ApplicationScoped
public class CreditChecks {

    public static final String INTAKE = "INTAKE";

    public enum Status {
        PENDING, CLEAN, WARNING, SERIOUS_DISHONESTY
    }

    /** A check as stored: {@code purpose} is INTAKE or the commitment it precedes. */
    public record Check(String declarationId, String purpose, Status status, String source, String recordId,
            OffsetDateTime requestedAt, OffsetDateTime checkedAt) {
    }

    /** Whom the credit system is asked about, and why. */
    public record Subject(String declarationId, String purpose, String creditCode, String unitName, boolean answered) {
    }

    @Inject
    Db db;

    @Inject
    Trail trail;

    @Inject
    Declarations declarations;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    /** From hub.declared: the intake check is owed (once, whatever the redeliveries); the request to send. */
    public String intake(String declaredMessage) throws Exception {
        String id = json.readTree(declaredMessage).path("declarationId").asText(null);
        if (id == null) {
            throw new PermanentFailure("a declared message without declarationId");
        }
        db.inTransaction(c -> owe(c, id, INTAKE));
        return request(id, INTAKE);
    }

    /**
     * Inside the caller's transaction: a new check of the declaration's unit for {@code purpose} (a commitment asks again
     * before it is approved), sent through the outbox; an earlier answer for the same purpose is replaced when this one
     * arrives.
     */
    public Outbox.Message ask(Connection c, String declarationId, String purpose) throws SQLException {
        Db.update(c, "DELETE FROM hub_credit_check WHERE declaration_id = ? AND purpose = ?", declarationId, purpose);
        owe(c, declarationId, purpose);
        return outbox.add(c, Queues.CREDIT_CHECKS, request(declarationId, purpose));
    }

    private Void owe(Connection c, String id, String purpose) throws SQLException {
        if (Db.list(c, "SELECT 1 FROM hub_credit_check WHERE declaration_id = ? AND purpose = ?", rs -> 1, id, purpose)
                .isEmpty()) {
            Db.update(c, "INSERT INTO hub_credit_check (declaration_id, purpose, status, requested_at) VALUES (?, ?, ?, ?)",
                    id, purpose, Status.PENDING.name(), OffsetDateTime.now(clock.withZone(ChinaTime.ZONE)));
        }
        return null;
    }

    private String request(String declarationId, String purpose) {
        return json.createObjectNode().put("declarationId", declarationId).put("purpose", purpose).toString();
    }

    /** Who is to be checked for a request message; {@code answered} when the check has its answer already. */
    public Subject subject(String requestMessage) throws Exception {
        JsonNode m = json.readTree(requestMessage);
        String id = m.path("declarationId").asText();
        String purpose = m.path("purpose").asText();
        Declarations.Row row = declarations.find(id).orElseThrow(() -> new PermanentFailure("unknown declaration " + id));
        JsonNode unit = json.readTree(row.body()).path("unit");
        boolean answered = find(id, purpose).map(k -> k.status() != Status.PENDING).orElse(false);
        return new Subject(id, purpose, unit.path("creditCode").asText(), unit.path("name").asText(), answered);
    }

    /** The credit system's answer: recorded once, with what was sent and received in the trail. */
    public void answered(String declarationId, String purpose, Status status, String source, String recordId,
            String sent, String reply) {
        db.inTransaction(c -> {
            Declarations.lock(c, declarationId).orElseThrow();
            int updated = Db.update(c, "UPDATE hub_credit_check SET status = ?, source = ?, record_id = ?, checked_at = ? "
                    + "WHERE declaration_id = ? AND purpose = ? AND status = 'PENDING'", status.name(), source, recordId,
                    OffsetDateTime.now(clock.withZone(ChinaTime.ZONE)), declarationId, purpose);
            if (updated == 1) {
                trail.append(c, declarationId, "OUT", "credit", "CREDIT_CHECK", sent);
                trail.append(c, declarationId, "IN", "credit", "CREDIT_CHECK_REPLY", reply);
            }
            return null;
        });
    }

    public Optional<Check> find(String declarationId, String purpose) {
        return db.read(c -> Db.list(c, SELECT + " WHERE declaration_id = ? AND purpose = ?", CreditChecks::check,
                declarationId, purpose)).stream().findFirst();
    }

    /** The latest check of the declaration's unit, whatever its purpose. */
    public Optional<Check> latest(String declarationId) {
        List<Check> all = db.read(c -> Db.list(c, SELECT + " WHERE declaration_id = ? ORDER BY requested_at DESC",
                CreditChecks::check, declarationId));
        return all.stream().findFirst();
    }

    private static final String SELECT = "SELECT declaration_id, purpose, status, source, record_id, requested_at, "
            + "checked_at FROM hub_credit_check";

    private static Check check(java.sql.ResultSet rs) throws SQLException {
        return new Check(rs.getString(1), rs.getString(2), Status.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class));
    }
}
