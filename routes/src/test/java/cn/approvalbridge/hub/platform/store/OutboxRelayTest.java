package cn.approvalbridge.hub.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The outbox relay as a consumer of its queues sees it: rows committed by many requests at once (relayed in batches,
 * one broker transaction and one marking statement each) arrive once each, with their message ids, and are marked
 * sent; rows whose relay never happened (the process died after the commit) are sent by the sweep, once.
 */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    ConnectionFactory broker;

    @Inject
    OutboxRelay relay;

    @Inject
    Outbox outbox;

    @Inject
    Db db;

    @Test
    void rowsCommittedAtOnceArriveOnceEachWithTheirIdsAndAreMarkedSent() throws Exception {
        String queue = "test.outbox-relay." + UUID.randomUUID();
        int rows = 120;
        ExecutorService requests = Executors.newFixedThreadPool(8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String body = "{\"n\":" + i + "}";
            String messageId = "relay-test-" + i + "-" + UUID.randomUUID();
            ids.add(messageId);
            requests.execute(() -> relay.relay(db.inTransaction(c -> outbox.add(c, queue, body, messageId))));
        }
        requests.shutdown();
        assertTrue(requests.awaitTermination(30, TimeUnit.SECONDS));

        Map<String, String> received = receive(queue, rows);
        assertEquals(rows, received.size(), "every row arrived, each under its own message id");
        for (int i = 0; i < rows; i++) {
            assertEquals("{\"n\":" + i + "}", received.get(ids.get(i)));
        }
        assertNull(receiveOne(queue, 1000), "no row arrived twice");
        awaitAllSent(queue);
    }

    @Test
    void rowsNeverRelayedAreSentByTheSweepOnce() throws Exception {
        String queue = "test.outbox-sweep." + UUID.randomUUID();
        List<String> bodies = List.of("{\"lost\":1}", "{\"lost\":2}", "{\"lost\":3}");
        // committed, and then the process "died": relay() was never called
        db.inTransaction(c -> {
            for (String b : bodies) {
                outbox.add(c, queue, b);
            }
            return null;
        });

        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (got.size() < bodies.size() && System.nanoTime() < deadline) {
            TextMessage m = receiveOne(queue, 1000);
            if (m != null) {
                got.add(m.getText());
            }
        }
        got.sort(null);
        assertEquals(bodies, got, "the sweep sent each unsent row (older than hub.outbox.sweep-after-ms)");
        awaitAllSent(queue);
        assertNull(receiveOne(queue, 5000), "a later sweep does not send them again");
    }

    private Map<String, String> receive(String queue, int count) throws JMSException {
        Map<String, String> out = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (out.size() < count && System.nanoTime() < deadline) {
            TextMessage m = receiveOne(queue, 1000);
            if (m != null) {
                String previous = out.put(m.getStringProperty(HubHeaders.MESSAGE_ID), m.getText());
                assertNull(previous, "arrived twice: " + m.getStringProperty(HubHeaders.MESSAGE_ID));
            }
        }
        return out;
    }

    private TextMessage receiveOne(String queue, long timeoutMs) throws JMSException {
        try (Connection connection = broker.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
                Message m = consumer.receive(timeoutMs);
                return (TextMessage) m;
            }
        }
    }

    private void awaitAllSent(String queue) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long unsent;
        do {
            unsent = db.read(c -> Db.value(c, "SELECT COUNT(*) FROM hub_outbox WHERE queue_name = ? AND sent_at IS NULL",
                    rs -> rs.getLong(1), queue));
            if (unsent > 0) {
                Thread.sleep(200);
            }
        } while (unsent > 0 && System.nanoTime() < deadline);
        assertEquals(0, unsent, "every row is marked sent");
    }
}
