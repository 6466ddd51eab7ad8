package cn.approvalbridge.hub.platform.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;

import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.JmsMessage;
import org.junit.jupiter.api.Test;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Durability (KillRestartIT once lost declarations fanned out to no department): what a route sends while consuming
 * must commit in the SAME JMS transaction as the acknowledgement of the message it consumed. When the sends rode on a
 * second session (a JmsTransactionManager's) the consumed message was committed first and the sends after, so a kill -9
 * between the two commits dropped them. Asserted on the sessions, because the window itself is milliseconds wide.
 */
@QuarkusTest
class JmsTransactionTest {

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    ConsumerTemplate consumer;

    @Test
    void aConsumersSendsCommitWithTheMessageItConsumed() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String in = "hub.test.tx-in-" + suffix;
        String out = "hub.test.tx-out-" + suffix;
        String routeId = "test-tx-" + suffix;
        ConnectionFactory factory = camel.getComponent("jms", JmsComponent.class).getConfiguration().getConnectionFactory();
        AtomicReference<String> verdict = new AtomicReference<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:" + in).routeId(routeId)
                        .process(e -> {
                            Session received = e.getIn(JmsMessage.class).getJmsSession();
                            Object holder = TransactionSynchronizationManager.getResource(factory);
                            verdict.set(holder instanceof JmsResourceHolder h && h.containsSession(received)
                                    ? "same transaction"
                                    : "sends on another session than the consumed message (" + holder + ")");
                        })
                        .to("jms:queue:" + out);
            }
        });
        try {
            producer.sendBody("jms:queue:" + in, "ping");
            assertEquals("ping", consumer.receiveBody("jms:queue:" + out, 10_000, String.class));
            await().atMost(Duration.ofSeconds(5)).until(() -> verdict.get() != null);
            assertEquals("same transaction", verdict.get());
        } finally {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        }
    }
}
