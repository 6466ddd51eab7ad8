package cn.approvalbridge.hub.platform.store;

import cn.approvalbridge.support.Db;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
            String reason, OffsetDateTime failedAt, OffsetDateTime replayedAt, int replayCount, OffsetDateTime resolvedAt,
            String resolvedBy) {
    }

    /**
     * Which dead letters: every criterion optional (null); {@code to} exclusive; {@code contains} a text the body holds
     * (a declarationId, an applicationId).
     */
    public record Filter(String partner, String queue, OffsetDateTime from, OffsetDateTime to, Boolean resolved,
            String contains) {

        String where(List<Object> args) {
            StringBuilder w = new StringBuilder(" WHERE 1 = 1");
            if (partner != null) {
                w.append(" AND partner = ?");
                args.add(partner);
            }
            if (queue != null) {
                w.append(" AND source_queue = ?");
                args.add(queue);
            }
            if (from != null) {
                w.append(" AND failed_at >= ?");
                args.add(from);
            }
            if (to != null) {
                w.append(" AND failed_at < ?");
                args.add(to);
            }
            if (contains != null) {
                w.append(" AND body LIKE ? ESCAPE '!'");
                args.add("%" + contains.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            }
            if (resolved != null) {
                w.append(resolved ? " AND resolved_at IS NOT NULL" : " AND resolved_at IS NULL");
            }
            return w.toString();
        }
    }

    public record Page(List<DeadLetter> items, int total) {
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

    /** One page of the dead letters the filter selects, oldest first, and how many it selects in all. */
    public Page page(Filter filter, int limit, int offset) {
        List<Object> args = new ArrayList<>();
        String where = filter.where(args);
        return db.read(c -> {
            int total = Db.one(c, "SELECT COUNT(*) FROM hub_dead_letter" + where, rs -> rs.getInt(1), args.toArray())
                    .orElse(0);
            List<Object> paged = new ArrayList<>(args);
            paged.add(limit);
            paged.add(offset);
            return new Page(Db.list(c, "SELECT * FROM hub_dead_letter" + where + " ORDER BY failed_at, id LIMIT ? OFFSET ?",
                    rs -> map(rs), paged.toArray()), total);
        });
    }

    /** The ids of at most {@code max} unresolved dead letters the filter selects, oldest first. */
    public List<String> openIds(Filter filter, int max) {
        Filter open = new Filter(filter.partner(), filter.queue(), filter.from(), filter.to(), false, filter.contains());
        List<Object> args = new ArrayList<>();
        String where = open.where(args);
        return db.read(c -> Db.listAtMost(c, max, "SELECT id FROM hub_dead_letter" + where
                + " AND replayed_at IS NULL ORDER BY failed_at, id",
                rs -> rs.getString(1), args.toArray()));
    }

    /** Marks a dead letter dealt with; it stays listed under resolved=true. */
    public Optional<DeadLetter> resolve(String id, String by) {
        db.inTransaction(c -> Db.update(c, "UPDATE hub_dead_letter SET resolved_at = ?, resolved_by = ? WHERE id = ? "
                + "AND resolved_at IS NULL", OffsetDateTime.now(clock.withZone(ChinaTime.ZONE)), by, id));
        return find(id);
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

    private static DeadLetter map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DeadLetter(rs.getString("id"), rs.getString("partner"), rs.getString("source_queue"),
                rs.getString("dead_letter_queue"), rs.getString("body"), rs.getString("reason"), Db.time(rs, "failed_at"),
                Db.time(rs, "replayed_at"), rs.getInt("replay_count"), Db.time(rs, "resolved_at"), rs.getString("resolved_by"));
    }
}
