package cn.approvalbridge.hub.platform.store;

import cn.approvalbridge.support.Db;
import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.support.ChinaTime;

/**
 * The idempotent consumers' memory: "already processed?" before a step's side effect, "processed" once it is done.
 * A crash between the side effect and the mark repeats the call, so every partner call also carries a deterministic
 * idempotency key (declarationId for a code, eventId for an SMS): the functions themselves never act twice.
 */
@ApplicationScoped
public class ProcessedMessages {

    @Inject
    Db db;

    @Inject
    Clock clock;

    public boolean isProcessed(String consumer, String key) {
        return db.read(c -> recorded(c, consumer, key));
    }

    private static boolean recorded(java.sql.Connection c, String consumer, String key) throws java.sql.SQLException {
        return Db.one(c, "SELECT 1 FROM hub_processed_message WHERE consumer = ? AND message_key = ?", rs -> true,
                consumer, key).isPresent();
    }

    /**
     * Inside the caller's transaction, which holds a lock that every recorder of this key takes first (the
     * declaration's row lock, say): true when this call recorded it, false when it was already recorded.
     */
    public boolean markProcessed(java.sql.Connection c, String consumer, String key) throws java.sql.SQLException {
        if (recorded(c, consumer, key)) {
            return false;
        }
        return Db.update(c, "INSERT INTO hub_processed_message (consumer, message_key, processed_at) VALUES (?, ?, ?)",
                consumer, key, OffsetDateTime.now(clock.withZone(ChinaTime.ZONE))) == 1;
    }

    /** True when this call recorded it, false when it was already recorded. */
    public boolean markProcessed(String consumer, String key) {
        try {
            return db.inTransaction(c -> Db.update(c,
                    "INSERT INTO hub_processed_message (consumer, message_key, processed_at) VALUES (?, ?, ?)",
                    consumer, key, OffsetDateTime.now(clock.withZone(ChinaTime.ZONE))) == 1);
        } catch (Db.StoreException e) {
            if (Db.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }
}
