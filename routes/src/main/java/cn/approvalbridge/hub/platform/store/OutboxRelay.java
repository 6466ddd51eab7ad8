package cn.approvalbridge.hub.platform.store;

import cn.approvalbridge.support.Db;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.support.ChinaTime;
import io.quarkus.scheduler.Scheduled;

/**
 * Moves outbox rows onto the broker. Right after the commit that wrote them (asynchronously: the API has already
 * answered, the row is durable), and by a sweep for rows older than hub.outbox.sweep-after-ms that are still unsent
 * because the send failed or the process died in between. A row sent twice is harmless: every consumer is idempotent.
 * Across replicas the sweep runs on the holder of the lease "outbox-sweep" and locks the rows it sends (FOR UPDATE SKIP
 * LOCKED, released by the database should the replica die), so two sweeps never send the same row.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    Db db;

    @Inject
    Outbox outbox;

    @Inject
    ProducerTemplate producer;

    @Inject
    CamelContext camel;

    @Inject
    Clock clock;

    @Inject
    Leases leases;

    @ConfigProperty(name = "hub.outbox.sweep-after-ms")
    long sweepAfterMs;

    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "hub-outbox-relay");
        t.setDaemon(true);
        return t;
    });

    public void relay(Outbox.Message message) {
        if (message != null) {
            executor.execute(() -> send(message));
        }
    }

    boolean send(Outbox.Message m) {
        try {
            if (m.messageId() == null) {
                producer.sendBody(Queues.jms(m.queue()), m.body());
            } else {
                producer.sendBodyAndHeader(Queues.jms(m.queue()), m.body(), HubHeaders.MESSAGE_ID, m.messageId());
            }
            db.inTransaction(c -> {
                outbox.markSent(c, m.id());
                return null;
            });
            return true;
        } catch (RuntimeException e) {
            LOG.debugf(e, "Outbox message %s not relayed yet; the sweep retries it", m.id());
            return false;
        }
    }

    @Scheduled(every = "{hub.outbox.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "5s")
    void sweep() {
        if (!camel.getStatus().isStarted() || !leases.hold("outbox-sweep")) {
            return;
        }
        OffsetDateTime before = OffsetDateTime.now(clock.withZone(ChinaTime.ZONE)).minusNanos(sweepAfterMs * 1_000_000);
        int sent = 0;
        for (int batch = 0; batch < 5; batch++) {
            int n = sweepBatch(before);
            sent += Math.max(0, n);
            if (n < BATCH) {
                break;
            }
        }
        if (sent > 0) {
            LOG.infof("Outbox sweep relayed %d message(s) that had not reached the broker", sent);
        }
    }

    private static final int BATCH = 100;

    /**
     * Sends up to BATCH due rows under their row locks and marks them sent in the same transaction; a send that fails
     * ends the batch (the broker is away: the next sweep tries again). Returns the rows sent, -1 after a failure.
     */
    private int sweepBatch(OffsetDateTime before) {
        try {
            return db.inTransaction(c -> {
                List<Outbox.Message> due = outbox.lockUnsentBefore(c, before, BATCH);
                int sent = 0;
                for (Outbox.Message m : due) {
                    try {
                        producer.sendBody(Queues.jms(m.queue()), m.body());
                    } catch (RuntimeException e) {
                        LOG.debugf(e, "Outbox message %s not relayed yet; the next sweep retries it", m.id());
                        return sent == 0 ? -1 : markSent(c, due.subList(0, sent));
                    }
                    sent++;
                }
                return markSent(c, due);
            });
        } catch (RuntimeException e) {
            LOG.debugf(e, "Outbox sweep failed; the next one retries");
            return -1;
        }
    }

    private int markSent(java.sql.Connection c, List<Outbox.Message> sent) throws java.sql.SQLException {
        for (Outbox.Message m : sent) {
            outbox.markSent(c, m.id());
        }
        return sent.size();
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }
}
