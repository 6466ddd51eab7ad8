package cn.approvalbridge.notification;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.support.Db;

/**
 * rn_notification's rows move: written once, then claimed, deferred, reserved, sent, failed, delivered; every status
 * change leaves a row in rn_notification_history. Idempotency is the unique constraint on event_id: insert first, and
 * a duplicate key ({@link Db#isDuplicateKey}) means another caller got there before. The methods that take a
 * {@link Connection} run in the caller's transaction ({@link NotificationLedger#inTransaction}).
 */
@ApplicationScoped
public class LedgerWrites {

    @Inject
    Db db;

    @Inject
    NotificationLedger ledger;

    /** The ledger write: the row and its ACCEPTED history entry, or nothing if the eventId is already there. */
    public void insert(NotificationRow row, String detail) throws DuplicateEventIdException {
        try {
            db.inTransaction(c -> {
                Db.update(c, "INSERT INTO rn_notification (" + NotificationRow.COLUMNS + ", updated_at_ms) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", withUpdatedAt(row));
                history(c, row.notificationId, row.status, row.createdAtMs, detail);
                return null;
            });
        } catch (Db.StoreException e) {
            if (Db.isDuplicateKey(e)) {
                throw new DuplicateEventIdException(row.eventId);
            }
            throw NotificationLedger.failed("rn_notification insert", e);
        }
    }

    private static Object[] withUpdatedAt(NotificationRow row) {
        Object[] columns = row.columnValues();
        Object[] values = Arrays.copyOf(columns, columns.length + 1);
        values[columns.length] = row.createdAtMs;
        return values;
    }

    /** Takes a due row for this flusher only (optimistic: the version must not have moved). */
    public boolean claim(NotificationRow row, long leaseUntilMs, long nowMs) {
        boolean claimed = ledger.inTransaction(c -> Db.update(c, "UPDATE rn_notification SET version = version + 1, "
                + "due_at_ms = ?, updated_at_ms = ? WHERE notification_id = ? AND version = ? "
                + "AND status IN ('ACCEPTED', 'DEFERRED')", leaseUntilMs, nowMs, row.notificationId, row.version) == 1);
        if (claimed) {
            row.version++;
        }
        return claimed;
    }

    void defer(Connection c, NotificationRow row, long untilMs, String lastError, String detail, long nowMs) throws SQLException {
        Db.update(c, "UPDATE rn_notification SET status = 'DEFERRED', due_at_ms = ?, send_after_ms = ?, sent_at_ms = NULL, "
                + "attempts = ?, last_error = ?, version = version + 1, updated_at_ms = ? WHERE notification_id = ?",
                untilMs, untilMs, row.attempts, truncate(lastError), nowMs, row.notificationId);
        history(c, row.notificationId, NotificationStatus.DEFERRED, nowMs, detail);
        row.status = NotificationStatus.DEFERRED;
        row.sendAfterMs = untilMs;
        row.dueAtMs = untilMs;
        row.sentAtMs = null;
        row.version++;
    }

    /** As {@link #defer(Connection, NotificationRow, long, String, String, long)}, in a transaction of its own. */
    void defer(NotificationRow row, long untilMs, String lastError, String detail, long nowMs) {
        ledger.inTransaction(c -> {
            defer(c, row, untilMs, lastError, detail, nowMs);
            return null;
        });
    }

    /** Takes the send slot: counted by the limits from now on, and protected from flushers until the lease ends. */
    void reserve(Connection c, NotificationRow row, long nowMs, long leaseUntilMs) throws SQLException {
        Db.update(c, "UPDATE rn_notification SET sent_at_ms = ?, due_at_ms = ?, version = version + 1, updated_at_ms = ? "
                + "WHERE notification_id = ?", nowMs, leaseUntilMs, nowMs, row.notificationId);
        row.sentAtMs = nowMs;
        row.version++;
    }

    /**
     * SENT, then at once the outcome the provider already knows (the sandbox delivers on acceptance; a lookup after an
     * interrupted send may find the delivery report in).
     */
    void recordSent(NotificationRow row, SmsSendResult result, String detail, long nowMs) {
        markSent(row, result, detail, nowMs);
        if (result.immediateOutcome() != null) {
            applyReceipt(row.notificationId, result.immediateOutcome(), result.detail(), nowMs);
            row.status = result.immediateOutcome();
        }
    }

    void markSent(NotificationRow row, SmsSendResult result, String detail, long nowMs) {
        ledger.inTransaction(c -> {
            Db.update(c, "UPDATE rn_notification SET status = 'SENT', provider = ?, provider_message_id = ?, "
                    + "due_at_ms = NULL, send_after_ms = NULL, attempts = ?, version = version + 1, updated_at_ms = ? "
                    + "WHERE notification_id = ?", result.provider(), result.messageId(), row.attempts, nowMs,
                    row.notificationId);
            history(c, row.notificationId, NotificationStatus.SENT, nowMs, detail);
            return null;
        });
        row.status = NotificationStatus.SENT;
        row.provider = result.provider();
        row.providerMessageId = result.messageId();
    }

    /**
     * An interrupted send the providers could not vouch for yet: asked again at {@code untilMs}. The reserved slot
     * (sent_at_ms) stays, and with it the mark that the row is in doubt.
     */
    void keepInDoubt(NotificationRow row, long untilMs, String lastError, String detail, long nowMs) {
        ledger.inTransaction(c -> {
            Db.update(c, "UPDATE rn_notification SET due_at_ms = ?, last_error = ?, version = version + 1, updated_at_ms = ? "
                    + "WHERE notification_id = ?", untilMs, truncate(lastError), nowMs, row.notificationId);
            history(c, row.notificationId, row.status, nowMs, detail);
            return null;
        });
        row.dueAtMs = untilMs;
        row.version++;
    }

    /** Gives a notification up: a permanent provider error, or every provider failed max-attempts times. */
    void fail(NotificationRow row, String lastError, String detail, long nowMs) {
        ledger.inTransaction(c -> {
            Db.update(c, "UPDATE rn_notification SET status = 'FAILED', due_at_ms = NULL, sent_at_ms = NULL, attempts = ?, "
                    + "last_error = ?, version = version + 1, updated_at_ms = ? WHERE notification_id = ?",
                    row.attempts, truncate(lastError), nowMs, row.notificationId);
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
        return ledger.inTransaction(c -> {
            int updated = Db.update(c, "UPDATE rn_notification SET status = ?, due_at_ms = NULL, version = version + 1, "
                    + "updated_at_ms = ? WHERE notification_id = ? AND status IN ('SENT', 'ACCEPTED')",
                    outcome.name(), nowMs, notificationId);
            if (updated == 1) {
                history(c, notificationId, outcome, nowMs, detail);
            }
            return updated == 1;
        });
    }

    private static void history(Connection c, String notificationId, NotificationStatus status, long atMs, String detail)
            throws SQLException {
        Db.update(c, "INSERT INTO rn_notification_history (notification_id, status, at_ms, detail) VALUES (?, ?, ?, ?)",
                notificationId, status.name(), atMs, truncate(detail));
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}
