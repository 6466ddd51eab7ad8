package cn.approvalbridge.notification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.support.StoreDataSource;

/**
 * rn_notification and its history, in plain JDBC that H2 2.4 and PostgreSQL both run (no ON CONFLICT, no RETURNING).
 * Idempotency is the unique constraint on event_id: insert first, and a duplicate-key error (SQLState 23505) means
 * another caller got there before.
 */
@ApplicationScoped
public class NotificationLedger {

    static final String UNIQUE_VIOLATION = "23505";

    private static final String COLUMNS = "notification_id, event_id, event, mobile, project_code, project_name, rate_key, "
            + "message_text, parts, template_values, urgent, status, due_at_ms, send_after_ms, sent_at_ms, attempts, provider, "
            + "provider_message_id, last_error, version, created_at_ms";

    @Inject
    StoreDataSource store;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one local transaction. */
    <T> T inTransaction(Work<T> work) {
        try (Connection c = store.get().getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rn_notification: " + SmsText.scrub(e.getMessage()), e);
        }
    }

    /** The ledger write: the row and its ACCEPTED history entry, or nothing if the eventId is already there. */
    public void insert(NotificationRow row, String detail) throws DuplicateEventIdException {
        try (Connection c = store.get().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rn_notification (" + COLUMNS + ", updated_at_ms) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = 1;
                ps.setString(i++, row.notificationId);
                ps.setString(i++, row.eventId);
                ps.setString(i++, row.event);
                ps.setString(i++, row.mobile);
                ps.setString(i++, row.projectCode);
                ps.setString(i++, row.projectName);
                ps.setString(i++, row.rateKey);
                ps.setString(i++, row.text);
                ps.setInt(i++, row.parts);
                ps.setString(i++, row.templateValues);
                ps.setBoolean(i++, row.urgent);
                ps.setString(i++, row.status.name());
                setLong(ps, i++, row.dueAtMs);
                setLong(ps, i++, row.sendAfterMs);
                setLong(ps, i++, row.sentAtMs);
                ps.setInt(i++, row.attempts);
                ps.setString(i++, row.provider);
                ps.setString(i++, row.providerMessageId);
                ps.setString(i++, row.lastError);
                ps.setInt(i++, row.version);
                ps.setLong(i++, row.createdAtMs);
                ps.setLong(i++, row.createdAtMs);
                ps.executeUpdate();
                history(c, row.notificationId, row.status, row.createdAtMs, detail);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new DuplicateEventIdException(row.eventId);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rn_notification insert: " + SmsText.scrub(e.getMessage()), e);
        }
    }

    public Optional<NotificationRow> findByEventId(String eventId) {
        return findOne("SELECT " + COLUMNS + " FROM rn_notification WHERE event_id = ?", eventId);
    }

    public Optional<NotificationRow> findById(String notificationId) {
        return findOne("SELECT " + COLUMNS + " FROM rn_notification WHERE notification_id = ?", notificationId);
    }

    public Optional<NotificationRow> findByProviderMessage(String provider, String messageId) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM rn_notification WHERE provider_message_id = ? AND provider = ?")) {
                ps.setString(1, messageId);
                ps.setString(2, provider);
                return first(ps);
            }
        });
    }

    private Optional<NotificationRow> findOne(String sql, String key) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, key);
                return first(ps);
            }
        });
    }

    /** Rows whose time has come: DEFERRED past sendAfter, or ACCEPTED past their send lease (the sender died). */
    public List<NotificationRow> findDue(long nowMs, int limit) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM rn_notification "
                    + "WHERE status IN ('ACCEPTED', 'DEFERRED') AND due_at_ms <= ? ORDER BY due_at_ms")) {
                ps.setLong(1, nowMs);
                ps.setMaxRows(limit);
                List<NotificationRow> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(read(rs));
                    }
                }
                return rows;
            }
        });
    }

    /** Takes a due row for this flusher only (optimistic: the version must not have moved). */
    public boolean claim(NotificationRow row, long leaseUntilMs, long nowMs) {
        boolean claimed = inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE rn_notification SET version = version + 1, due_at_ms = ?, "
                    + "updated_at_ms = ? WHERE notification_id = ? AND version = ? AND status IN ('ACCEPTED', 'DEFERRED')")) {
                ps.setLong(1, leaseUntilMs);
                ps.setLong(2, nowMs);
                ps.setString(3, row.notificationId);
                ps.setInt(4, row.version);
                return ps.executeUpdate() == 1;
            }
        });
        if (claimed) {
            row.version++;
        }
        return claimed;
    }

    /** Makes sure the number has its lock row (outside any transaction: a duplicate key aborts a PostgreSQL one). */
    public void ensureLockRow(String mobile) {
        try (Connection c = store.get().getConnection()) {
            try (PreparedStatement q = c.prepareStatement("SELECT mobile FROM rn_mobile_lock WHERE mobile = ?")) {
                q.setString(1, mobile);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rn_mobile_lock (mobile) VALUES (?)")) {
                ps.setString(1, mobile);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rn_mobile_lock: " + SmsText.scrub(e.getMessage()), e);
        }
    }

    void lockMobile(Connection c, String mobile) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT mobile FROM rn_mobile_lock WHERE mobile = ? FOR UPDATE")) {
            ps.setString(1, mobile);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    /** Send slots taken for this number in [fromMs, toMs): sent, being sent, delivered or failed on delivery. */
    int countSent(Connection c, String mobile, long fromMs, long toMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM rn_notification WHERE mobile = ? AND sent_at_ms >= ? AND sent_at_ms < ?")) {
            ps.setString(1, mobile);
            ps.setLong(2, fromMs);
            ps.setLong(3, toMs);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** When the same event for the same project last went to this number within (fromMs, toMs]. */
    Long lastSent(Connection c, String mobile, String rateKey, long fromMs, long toMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(sent_at_ms) FROM rn_notification "
                + "WHERE mobile = ? AND rate_key = ? AND sent_at_ms > ? AND sent_at_ms <= ?")) {
            ps.setString(1, mobile);
            ps.setString(2, rateKey);
            ps.setLong(3, fromMs);
            ps.setLong(4, toMs);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
            }
        }
    }

    void defer(Connection c, NotificationRow row, long untilMs, String lastError, String detail, long nowMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE rn_notification SET status = 'DEFERRED', due_at_ms = ?, "
                + "send_after_ms = ?, sent_at_ms = NULL, attempts = ?, last_error = ?, version = version + 1, updated_at_ms = ? "
                + "WHERE notification_id = ?")) {
            ps.setLong(1, untilMs);
            ps.setLong(2, untilMs);
            ps.setInt(3, row.attempts);
            ps.setString(4, truncate(lastError));
            ps.setLong(5, nowMs);
            ps.setString(6, row.notificationId);
            ps.executeUpdate();
        }
        history(c, row.notificationId, NotificationStatus.DEFERRED, nowMs, detail);
        row.status = NotificationStatus.DEFERRED;
        row.sendAfterMs = untilMs;
        row.dueAtMs = untilMs;
        row.sentAtMs = null;
        row.version++;
    }

    /** Takes the send slot: counted by the limits from now on, and protected from flushers until the lease ends. */
    void reserve(Connection c, NotificationRow row, long nowMs, long leaseUntilMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE rn_notification SET sent_at_ms = ?, due_at_ms = ?, "
                + "version = version + 1, updated_at_ms = ? WHERE notification_id = ?")) {
            ps.setLong(1, nowMs);
            ps.setLong(2, leaseUntilMs);
            ps.setLong(3, nowMs);
            ps.setString(4, row.notificationId);
            ps.executeUpdate();
        }
        row.sentAtMs = nowMs;
        row.version++;
    }

    void markSent(NotificationRow row, SmsSendResult result, String detail, long nowMs) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE rn_notification SET status = 'SENT', provider = ?, "
                    + "provider_message_id = ?, due_at_ms = NULL, send_after_ms = NULL, attempts = ?, version = version + 1, "
                    + "updated_at_ms = ? WHERE notification_id = ?")) {
                ps.setString(1, result.provider());
                ps.setString(2, result.messageId());
                ps.setInt(3, row.attempts);
                ps.setLong(4, nowMs);
                ps.setString(5, row.notificationId);
                ps.executeUpdate();
            }
            history(c, row.notificationId, NotificationStatus.SENT, nowMs, detail);
            return null;
        });
        row.status = NotificationStatus.SENT;
        row.provider = result.provider();
        row.providerMessageId = result.messageId();
    }

    /** Gives a notification up: every provider failed max-attempts times. */
    void fail(NotificationRow row, String lastError, String detail, long nowMs) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE rn_notification SET status = 'FAILED', due_at_ms = NULL, "
                    + "sent_at_ms = NULL, attempts = ?, last_error = ?, version = version + 1, updated_at_ms = ? "
                    + "WHERE notification_id = ?")) {
                ps.setInt(1, row.attempts);
                ps.setString(2, truncate(lastError));
                ps.setLong(3, nowMs);
                ps.setString(4, row.notificationId);
                ps.executeUpdate();
            }
            history(c, row.notificationId, NotificationStatus.FAILED, nowMs, detail);
            return null;
        });
        row.status = NotificationStatus.FAILED;
    }

    /**
     * A delivery report: SENT (or still ACCEPTED, when the report overtook our own bookkeeping) → DELIVERED | FAILED.
     * A repeated report changes nothing. Answers whether the status moved.
     */
    boolean applyReceipt(String notificationId, NotificationStatus outcome, String detail, long nowMs) {
        return inTransaction(c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE rn_notification SET status = ?, due_at_ms = NULL, "
                    + "version = version + 1, updated_at_ms = ? WHERE notification_id = ? AND status IN ('SENT', 'ACCEPTED')")) {
                ps.setString(1, outcome.name());
                ps.setLong(2, nowMs);
                ps.setString(3, notificationId);
                updated = ps.executeUpdate();
            }
            if (updated == 1) {
                history(c, notificationId, outcome, nowMs, detail);
            }
            return updated == 1;
        });
    }

    public List<StatusChange> history(String notificationId) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status, at_ms, detail FROM rn_notification_history "
                    + "WHERE notification_id = ? ORDER BY history_id")) {
                ps.setString(1, notificationId);
                List<StatusChange> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StatusChange(NotificationStatus.valueOf(rs.getString(1)), Times.iso(rs.getLong(2)),
                                rs.getString(3)));
                    }
                }
                return out;
            }
        });
    }

    void history(Connection c, String notificationId, NotificationStatus status, long atMs, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rn_notification_history (notification_id, status, at_ms, detail) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, notificationId);
            ps.setString(2, status.name());
            ps.setLong(3, atMs);
            ps.setString(4, truncate(detail));
            ps.executeUpdate();
        }
    }

    private static Optional<NotificationRow> first(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static NotificationRow read(ResultSet rs) throws SQLException {
        NotificationRow r = new NotificationRow();
        r.notificationId = rs.getString("notification_id");
        r.eventId = rs.getString("event_id");
        r.event = rs.getString("event");
        r.mobile = rs.getString("mobile");
        r.projectCode = rs.getString("project_code");
        r.projectName = rs.getString("project_name");
        r.rateKey = rs.getString("rate_key");
        r.text = rs.getString("message_text");
        r.parts = rs.getInt("parts");
        r.templateValues = rs.getString("template_values");
        r.urgent = rs.getBoolean("urgent");
        r.status = NotificationStatus.valueOf(rs.getString("status"));
        r.dueAtMs = getLong(rs, "due_at_ms");
        r.sendAfterMs = getLong(rs, "send_after_ms");
        r.sentAtMs = getLong(rs, "sent_at_ms");
        r.attempts = rs.getInt("attempts");
        r.provider = rs.getString("provider");
        r.providerMessageId = rs.getString("provider_message_id");
        r.lastError = rs.getString("last_error");
        r.version = rs.getInt("version");
        r.createdAtMs = rs.getLong("created_at_ms");
        return r;
    }

    private static Long getLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}
