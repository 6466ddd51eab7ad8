package cn.approvalbridge.hub.supervision;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.Db;

/**
 * The supervision system's feedback on a case (its instructions, the deadline it sets the department): stored with
 * its trail entry in one transaction under the declaration's lock, once per feedback id (the same body again is a
 * repeat, another body under the same id a conflict).
 */
@ApplicationScoped
public class SupervisionFeedback {

    public enum Outcome {
        CREATED, SAME, CONFLICT, NO_CASE
    }

    public record Feedback(String feedbackId, String caseId, String instructions, LocalDate deadline,
            OffsetDateTime receivedAt) {
    }

    @Inject
    Db db;
    @Inject
    Trail trail;
    @Inject
    Deadlines deadlines;

    public Outcome receive(String feedbackId, String caseId, String instructions, LocalDate deadline, String body) {
        String declarationId = db.read(c -> Db.one(c, "SELECT declaration_id FROM hub_supervision_case WHERE case_id = ?",
                rs -> rs.getString(1), caseId)).orElse(null);
        if (declarationId == null) {
            return Outcome.NO_CASE;
        }
        try {
            return db.inTransaction(c -> {
                Declarations.lock(c, declarationId);
                var known = Db.one(c, "SELECT body FROM hub_supervision_feedback WHERE feedback_key = ?",
                        rs -> rs.getString(1), feedbackId);
                if (known.isPresent()) {
                    return known.get().equals(body) ? Outcome.SAME : Outcome.CONFLICT;
                }
                Db.update(c, "INSERT INTO hub_supervision_feedback (feedback_key, case_id, declaration_id, instructions, "
                        + "deadline, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)", feedbackId, caseId, declarationId,
                        instructions, deadline, deadlines.now().toOffsetDateTime(), body);
                trail.append(c, declarationId, "IN", "supervision", "SUPERVISION_FEEDBACK", body);
                return Outcome.CREATED;
            });
        } catch (Db.StoreException e) {
            if (Db.isDuplicateKey(e)) {
                return receive(feedbackId, caseId, instructions, deadline, body); // the same feedback twice at once
            }
            throw e;
        }
    }

    public List<Feedback> byCase(Connection c, String caseId) throws SQLException {
        return Db.list(c, "SELECT feedback_key, case_id, instructions, deadline, received_at FROM hub_supervision_feedback "
                + "WHERE case_id = ? ORDER BY received_at, feedback_key", rs -> new Feedback(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class), Db.time(rs, "received_at")),
                caseId);
    }
}
