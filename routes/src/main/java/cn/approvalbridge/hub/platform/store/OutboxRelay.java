package cn.approvalbridge.hub.platform.store;

import cn.approvalbridge.support.Db;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.support.ChinaTime;
import io.quarkus.scheduler.Scheduled;

/**
 * Moves outbox rows onto the broker. Right after the commit that wrote them (asynchronously: the API has already
 * answered, the row is durable), and by a sweep for rows older than hub.outbox.sweep-after-ms that are still unsent
 * because the send failed or the process died in between. A row sent twice is harmless: every consumer is idempotent.
 * Across replicas the sweep runs on the holder of the lease "outbox-sweep" and locks the rows it sends (FOR UPDATE SKIP
 * LOCKED, released by the database should the replica die), so two sweeps never send the same row.
 * <p>
 * Group commit: the rows committed while the relay was busy go together, up to hub.outbox.relay-batch of them, in one
 * transacted JMS session (one durable write on the broker for the batch) and are marked sent by one UPDATE (one commit).
 * Under load the batches grow by themselves; an idle hub sends each row at once, a batch of one.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    Db db;

    @Inject
    Outbox outbox;

    @Inject
    ConnectionFactory broker;

    @Inject
    CamelContext camel;

    @Inject
    Clock clock;

    @Inject
    Leases leases;

    @ConfigProperty(name = "hub.outbox.sweep-after-ms")
    long sweepAfterMs;

    @ConfigProperty(name = "hub.outbox.relay-batch")
    int relayBatch;

    @ConfigProperty(name = "hub.outbox.relay-threads")
    int relayThreads;

    private final BlockingQueue<Outbox.Message> committed = new LinkedBlockingQueue<>();

    private ExecutorService relays;

    private volatile boolean stopping;

    @PostConstruct
    void startRelays() {
        relays = Executors.newFixedThreadPool(relayThreads, r -> {
            Thread t = new Thread(r, "hub-outbox-relay");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < relayThreads; i++) {
            relays.execute(this::drain);
        }
    }

    /** Relays {@code message} (committed by the caller) soon, with whatever else was committed meanwhile. */
    public void relay(Outbox.Message message) {
        if (message != null) {
            committed.add(message);
        }
    }

    private void drain() {
        List<Outbox.Message> batch = new ArrayList<>(relayBatch);
        while (!stopping) {
            try {
                Outbox.Message first = committed.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                committed.drainTo(batch, relayBatch - 1);
                send(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** Sends {@code batch} in one broker transaction and marks it sent in one database transaction. */
    private void send(List<Outbox.Message> batch) {
        try {
            sendAll(batch);
            db.inTransaction(c -> markSent(c, batch));
        } catch (JMSException | RuntimeException e) {
            LOG.debugf(e, "%d outbox message(s) not relayed yet; the sweep retries them", batch.size());
        }
    }

    /** One transacted session: the broker has all of {@code messages} durably, or none of them. */
    private void sendAll(List<Outbox.Message> messages) throws JMSException {
        try (Connection connection = broker.createConnection();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            for (Outbox.Message m : messages) {
                TextMessage message = session.createTextMessage(m.body());
                if (m.messageId() != null) {
                    message.setStringProperty(HubHeaders.MESSAGE_ID, m.messageId());
                }
                try (MessageProducer producer = session.createProducer(session.createQueue(m.queue()))) {
                    producer.send(message);
                }
            }
            session.commit();
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
     * Sends up to BATCH due rows under their row locks, in one broker transaction, and marks them sent in the same
     * database transaction; a failed send ends the sweep (the broker is away: the next one tries again). Returns the
     * rows sent, -1 after a failure.
     */
    private int sweepBatch(OffsetDateTime before) {
        try {
            return db.inTransaction(c -> {
                List<Outbox.Message> due = outbox.lockUnsentBefore(c, before, BATCH);
                if (due.isEmpty()) {
                    return 0;
                }
                try {
                    sendAll(due);
                } catch (JMSException | RuntimeException e) {
                    LOG.debugf(e, "Outbox messages not relayed yet; the next sweep retries them");
                    return -1;
                }
                return markSent(c, due);
            });
        } catch (RuntimeException e) {
            LOG.debugf(e, "Outbox sweep failed; the next one retries");
            return -1;
        }
    }

    private int markSent(java.sql.Connection c, List<Outbox.Message> sent) throws java.sql.SQLException {
        outbox.markSent(c, sent.stream().map(Outbox.Message::id).toList());
        return sent.size();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        relays.shutdownNow();
    }
}
