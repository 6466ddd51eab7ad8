package cn.approvalbridge.hub.platform.store;

import cn.approvalbridge.support.Db;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.support.Masking;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.support.ChinaTime;

/** The operators' view of dead letters: recorded when a route gives up, replayed to the queue they came from. */
@ApplicationScoped
@Named("deadLetters")
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    public record DeadLetter(String id, String partner, String sourceQueue, String deadLetterQueue, String body,
            String reason, OffsetDateTime failedAt, OffsetDateTime replayedAt, int replayCount) {
    }

    @Inject
    Db db;

    @Inject
    Clock clock;

    @Inject
    ProducerTemplate producer;

    /** Called by the dead-letter route, inside the failed consumer's transaction. */
    public void record(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        String id = UUID.randomUUID().toString();
        String partner = exchange.getProperty(HubHeaders.PARTNER, "unknown", String.class);
        String source = exchange.getProperty(HubHeaders.SOURCE_QUEUE, String.class);
        String dlq = exchange.getProperty(HubHeaders.DEAD_LETTER_QUEUE, String.class);
        db.inTransaction(c -> Db.update(c, "INSERT INTO hub_dead_letter (id, partner, source_queue, dead_letter_queue, body, "
                + "reason, failed_at, replay_count) VALUES (?, ?, ?, ?, ?, ?, ?, 0)", id, partner, source, dlq,
                exchange.getIn().getBody(String.class), reason.length() > 2000 ? reason.substring(0, 2000) : reason,
                OffsetDateTime.now(clock.withZone(ChinaTime.ZONE))));
        LOG.warnf("Dead letter %s from %s (%s): %s", id, source, partner, Masking.maskText(reason));
    }

    public List<DeadLetter> list() {
        return db.read(c -> Db.list(c, "SELECT * FROM hub_dead_letter ORDER BY failed_at", rs -> map(rs)));
    }

    public Optional<DeadLetter> find(String id) {
        return db.read(c -> Db.one(c, "SELECT * FROM hub_dead_letter WHERE id = ?", rs -> map(rs), id));
    }

    /** Re-enqueues the message on its original queue; its consumer is idempotent, so a replay never repeats an effect. */
    public Optional<DeadLetter> replay(String id) {
        Optional<DeadLetter> dl = find(id);
        if (dl.isEmpty()) {
            return dl;
        }
        producer.sendBody(Queues.jms(dl.get().sourceQueue()), dl.get().body());
        db.inTransaction(c -> Db.update(c, "UPDATE hub_dead_letter SET replayed_at = ?, replay_count = replay_count + 1 WHERE id = ?",
                OffsetDateTime.now(clock.withZone(ChinaTime.ZONE)), id));
        return find(id);
    }

    /**
     * Replays every dead letter of {@code partner} not replayed yet (after a fix): a second call finds none, and a
     * letter that fails again comes back as a new one.
     */
    public List<DeadLetter> replayAll(String partner) {
        List<String> ids = db.read(c -> Db.list(c, "SELECT id FROM hub_dead_letter WHERE partner = ? AND replayed_at IS NULL "
                + "ORDER BY failed_at", rs -> rs.getString(1), partner));
        return ids.stream().map(this::replay).flatMap(Optional::stream).toList();
    }

    private static DeadLetter map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DeadLetter(rs.getString("id"), rs.getString("partner"), rs.getString("source_queue"),
                rs.getString("dead_letter_queue"), rs.getString("body"), rs.getString("reason"), Db.time(rs, "failed_at"),
                Db.time(rs, "replayed_at"), rs.getInt("replay_count"));
    }
}
