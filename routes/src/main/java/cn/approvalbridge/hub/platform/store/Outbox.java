package cn.approvalbridge.hub.platform.store;

import cn.approvalbridge.support.Db;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.support.ChinaTime;

/**
 * The transactional outbox: a message to a broker queue is written in the same database transaction as the state it
 * announces, then relayed (see {@code OutboxRelay}). A crash between commit and send loses nothing: the sweep re-sends.
 */
@ApplicationScoped
public class Outbox {

    /** {@code messageId}: the stable id the consumer sees as HubMessageId (null: none, it keys on the body). */
    public record Message(String id, String queue, String body, String messageId) {
        public Message(String id, String queue, String body) {
            this(id, queue, body, null);
        }
    }

    @Inject
    Clock clock;

    /** Adds a message inside the caller's transaction. */
    public Message add(Connection c, String queue, String body) throws SQLException {
        return add(c, queue, body, null);
    }

    /** As above, the message carrying {@code messageId} as its HubMessageId header. */
    public Message add(Connection c, String queue, String body, String messageId) throws SQLException {
        Message m = new Message(UUID.randomUUID().toString(), queue, body, messageId);
        Db.update(c, "INSERT INTO hub_outbox (id, queue_name, body, created_at, message_id) VALUES (?, ?, ?, ?, ?)", m.id(),
                queue, body, OffsetDateTime.now(clock.withZone(ChinaTime.ZONE)), messageId);
        return m;
    }

    /** Marks the rows {@code ids} sent, in one statement. */
    public void markSent(Connection c, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        Object[] args = new Object[ids.size() + 1];
        args[0] = OffsetDateTime.now(clock.withZone(ChinaTime.ZONE));
        for (int i = 0; i < ids.size(); i++) {
            args[i + 1] = ids.get(i);
        }
        Db.update(c, "UPDATE hub_outbox SET sent_at = ? WHERE sent_at IS NULL AND id IN ("
                + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")", args);
    }

    /**
     * Inside the caller's transaction: at most {@code limit} unsent rows older than {@code before}, oldest first, locked
     * until it ends; rows another transaction holds (another replica's sweep) are skipped, not waited for.
     */
    public List<Message> lockUnsentBefore(Connection c, OffsetDateTime before, int limit) throws SQLException {
        return Db.list(c, "SELECT id, queue_name, body, message_id FROM hub_outbox WHERE sent_at IS NULL AND created_at < ? "
                + "ORDER BY created_at FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE SKIP LOCKED",
                rs -> new Message(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), before);
    }
}
