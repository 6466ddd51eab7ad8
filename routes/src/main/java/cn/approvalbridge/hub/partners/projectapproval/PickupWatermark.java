package cn.approvalbridge.hub.partners.projectapproval;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.support.Db;

/**
 * Where a pickup from the staging database stands, kept in the hub's store (so that any replica, or the hub after a
 * restart, continues from it): the highest LSH it has read, and the rows it read but could not take yet, which it
 * reads again by LSH until they are taken. The watermark only moves up, so two replicas picking up at once cannot
 * move it back; a row both take is taken once (ProcessedMessages).
 */
@ApplicationScoped
public class PickupWatermark {

    @Inject
    Db db;
    @Inject
    Clock clock;

    public long get(String consumer) {
        return db.read(c -> Db.one(c, "SELECT last_lsh FROM hub_staging_watermark WHERE consumer = ?",
                rs -> rs.getLong(1), consumer)).orElse(0L);
    }

    public void advance(String consumer, long lsh) {
        try {
            raise(consumer, lsh);
        } catch (Db.StoreException e) {
            if (!Db.isDuplicateKey(e)) {
                throw e;
            }
            raise(consumer, lsh); // another replica inserted the first watermark meanwhile
        }
    }

    private void raise(String consumer, long lsh) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.inTransaction(c -> {
            if (Db.update(c, "UPDATE hub_staging_watermark SET last_lsh = ?, updated_at = ? WHERE consumer = ? "
                    + "AND last_lsh < ?", lsh, now, consumer, lsh) == 0
                    && Db.one(c, "SELECT 1 FROM hub_staging_watermark WHERE consumer = ?", rs -> 1, consumer).isEmpty()) {
                Db.update(c, "INSERT INTO hub_staging_watermark (consumer, last_lsh, updated_at) VALUES (?, ?, ?)",
                        consumer, lsh, now);
            }
            return null;
        });
    }

    public List<Long> waiting(String consumer) {
        return db.read(c -> Db.list(c, "SELECT lsh FROM hub_staging_waiting WHERE consumer = ? ORDER BY lsh",
                rs -> rs.getLong(1), consumer));
    }

    public void waitFor(String consumer, long lsh) {
        try {
            db.inTransaction(c -> Db.update(c, "INSERT INTO hub_staging_waiting (consumer, lsh, since) VALUES (?, ?, ?)",
                    consumer, lsh, OffsetDateTime.now(clock)));
        } catch (Db.StoreException e) {
            if (!Db.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    public void settled(String consumer, long lsh) {
        db.inTransaction(c -> Db.update(c, "DELETE FROM hub_staging_waiting WHERE consumer = ? AND lsh = ?", consumer, lsh));
    }

    /** Back to the start: the staging table was emptied or recreated (its serials begin again). */
    public void reset(String consumer) {
        db.inTransaction(c -> {
            Db.update(c, "UPDATE hub_staging_watermark SET last_lsh = 0, updated_at = ? WHERE consumer = ?",
                    OffsetDateTime.now(clock), consumer);
            return Db.update(c, "DELETE FROM hub_staging_waiting WHERE consumer = ?", consumer);
        });
    }
}
