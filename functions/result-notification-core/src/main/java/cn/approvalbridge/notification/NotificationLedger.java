package cn.approvalbridge.notification;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.support.Db;
import cn.approvalbridge.support.Mobile;

/**
 * rn_notification and its history, read: the lookups, what has come due, and what the send limits count. Through
 * function-support's {@link Db} helpers, in SQL that H2 2.4 and PostgreSQL both run (no ON CONFLICT, no RETURNING);
 * {@link LedgerWrites} moves the rows. A store failure is an {@link IllegalStateException} whose message has every
 * mobile number masked, so that it can be logged.
 */
@ApplicationScoped
public class NotificationLedger {

    private static final String SELECT = "SELECT " + NotificationRow.COLUMNS + " FROM rn_notification ";

    @Inject
    Db db;

    /** Runs {@code work} in one local transaction. */
    <T> T inTransaction(Db.Work<T> work) {
        try {
            return db.inTransaction(work);
        } catch (Db.StoreException e) {
            throw failed("rn_notification", e);
        }
    }

    /** Runs {@code work} on one connection in auto-commit: every statement commits on its own. */
    private <T> T autoCommit(String table, Db.Work<T> work) {
        try {
            return db.read(work);
        } catch (Db.StoreException e) {
            throw failed(table, e);
        }
    }

    /**
     * Retention: the number, the text and the template values of every notification to {@code mobile} about one
     * project (its code, or an eventId that names its declaration) are replaced by their masked forms, in the ledger,
     * its history and the sandbox provider's outbox. The rows stay (counts, statuses, times); the person does not.
     * {@code redact} also blanks what only the caller knows to be personal (the contact's name). Returns the rows changed.
     */
    public int purge(String mobile, String projectCode, String declarationId, java.util.function.UnaryOperator<String> redact) {
        String masked = Mobile.mask(mobile);
        return inTransaction(c -> {
            List<String[]> rows = Db.list(c, "SELECT notification_id, message_text, template_values FROM rn_notification "
                    + "WHERE mobile = ? AND (project_code = ? OR event_id LIKE ?)",
                    rs -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) }, mobile,
                    projectCode == null ? "" : projectCode, "%:" + declarationId);
            for (String[] r : rows) {
                Db.update(c, "UPDATE rn_notification SET mobile = ?, message_text = ?, template_values = ? "
                        + "WHERE notification_id = ?", masked, redact.apply(r[1]), redact.apply(r[2]), r[0]);
                Db.update(c, "UPDATE rn_sandbox_sms SET mobile = ?, message_text = ?, template_values = ? "
                        + "WHERE notification_id = ?", masked, redact.apply(r[1]), redact.apply(r[2]), r[0]);
                for (String[] h : Db.list(c, "SELECT history_id, detail FROM rn_notification_history WHERE notification_id = ? "
                        + "AND detail IS NOT NULL", rs -> new String[] { rs.getString(1), rs.getString(2) }, r[0])) {
                    Db.update(c, "UPDATE rn_notification_history SET detail = ? WHERE history_id = ?",
                            redact.apply(h[1]), Long.parseLong(h[0]));
                }
            }
            Db.update(c, "DELETE FROM rn_mobile_lock WHERE mobile = ?", mobile);
            return rows.size();
        });
    }

    static IllegalStateException failed(String what, Db.StoreException e) {
        return new IllegalStateException(what + ": " + SmsText.scrub(e.getMessage()), e.getCause());
    }

    public Optional<NotificationRow> findByEventId(String eventId) {
        return one(SELECT + "WHERE event_id = ?", eventId);
    }

    public Optional<NotificationRow> findById(String notificationId) {
        return one(SELECT + "WHERE notification_id = ?", notificationId);
    }

    public Optional<NotificationRow> findByProviderMessage(String provider, String messageId) {
        return one(SELECT + "WHERE provider_message_id = ? AND provider = ?", messageId, provider);
    }

    private Optional<NotificationRow> one(String sql, Object... args) {
        return inTransaction(c -> Db.one(c, sql, NotificationRow::read, args));
    }

    /** Rows whose time has come: DEFERRED past sendAfter, or ACCEPTED past their send lease (the sender died). */
    public List<NotificationRow> findDue(long nowMs, int limit) {
        return inTransaction(c -> Db.listAtMost(c, limit, SELECT
                + "WHERE status IN ('ACCEPTED', 'DEFERRED') AND due_at_ms <= ? ORDER BY due_at_ms",
                NotificationRow::read, nowMs));
    }

    public List<StatusChange> history(String notificationId) {
        return inTransaction(c -> Db.list(c, "SELECT status, at_ms, detail FROM rn_notification_history "
                + "WHERE notification_id = ? ORDER BY history_id",
                rs -> new StatusChange(NotificationStatus.valueOf(rs.getString(1)), Times.iso(rs.getLong(2)),
                        rs.getString(3)),
                notificationId));
    }

    /** Makes sure the number has its lock row (outside any transaction: a duplicate key aborts a PostgreSQL one). */
    public void ensureLockRow(String mobile) {
        autoCommit("rn_mobile_lock", c -> {
            if (Db.one(c, "SELECT mobile FROM rn_mobile_lock WHERE mobile = ?", rs -> rs.getString(1), mobile).isPresent()) {
                return null;
            }
            try {
                Db.update(c, "INSERT INTO rn_mobile_lock (mobile) VALUES (?)", mobile);
            } catch (SQLException e) {
                if (!Db.isDuplicateKey(e)) {
                    throw e;
                }
            }
            return null;
        });
    }

    /** Holds the number's lock row until {@code c}'s transaction ends. */
    void lockMobile(Connection c, String mobile) throws SQLException {
        Db.one(c, "SELECT mobile FROM rn_mobile_lock WHERE mobile = ? FOR UPDATE", rs -> rs.getString(1), mobile);
    }

    /** Send slots taken for this number in [fromMs, toMs): sent, being sent, delivered or failed on delivery. */
    int countSent(Connection c, String mobile, long fromMs, long toMs) throws SQLException {
        return Db.value(c, "SELECT COUNT(*) FROM rn_notification WHERE mobile = ? AND sent_at_ms >= ? AND sent_at_ms < ?",
                rs -> rs.getInt(1), mobile, fromMs, toMs);
    }

    /** When the same event for the same project last went to this number within (fromMs, toMs]. */
    Long lastSent(Connection c, String mobile, String rateKey, long fromMs, long toMs) throws SQLException {
        return Db.value(c, "SELECT MAX(sent_at_ms) AS last_sent FROM rn_notification "
                + "WHERE mobile = ? AND rate_key = ? AND sent_at_ms > ? AND sent_at_ms <= ?",
                rs -> Db.nullableLong(rs, "last_sent"), mobile, rateKey, fromMs, toMs);
    }
}
