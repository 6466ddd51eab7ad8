package cn.approvalbridge.hub.partners.eia;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.support.Db;

/**
 * Where the poll of the EIA system stands, in the hub's store (any replica, or the hub after a restart, continues from
 * it): the latest publishedAt of the results it has handed to the intake. It only moves up, so two polls at once (a
 * stalled lease holder and its successor) cannot move it back.
 */
@ApplicationScoped
public class EiaPollWatermark {

    static final String CONSUMER = "eia-poll";

    @Inject
    Db db;
    @Inject
    Clock clock;

    public Optional<OffsetDateTime> get() {
        return db.read(c -> Db.one(c, "SELECT since_at FROM hub_eia_poll_watermark WHERE consumer = ?",
                rs -> Db.time(rs, "since_at"), CONSUMER));
    }

    public void advance(OffsetDateTime to) {
        try {
            raise(to);
        } catch (Db.StoreException e) {
            if (!Db.isDuplicateKey(e)) {
                throw e;
            }
            raise(to); // another replica inserted the first watermark meanwhile
        }
    }

    private void raise(OffsetDateTime to) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.inTransaction(c -> {
            if (Db.update(c, "UPDATE hub_eia_poll_watermark SET since_at = ?, updated_at = ? WHERE consumer = ? "
                    + "AND since_at < ?", to, now, CONSUMER, to) == 0
                    && Db.one(c, "SELECT 1 FROM hub_eia_poll_watermark WHERE consumer = ?", rs -> 1, CONSUMER).isEmpty()) {
                Db.update(c, "INSERT INTO hub_eia_poll_watermark (consumer, since_at, updated_at) VALUES (?, ?, ?)",
                        CONSUMER, to, now);
            }
            return null;
        });
    }
}
