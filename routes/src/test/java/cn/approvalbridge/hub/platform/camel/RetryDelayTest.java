package cn.approvalbridge.hub.platform.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import jakarta.jms.Message;
import jakarta.jms.MessageProducer;

import org.junit.jupiter.api.Test;

/**
 * Which broker mechanism holds a message that waits for its partner: the JMS 2.0 delivery delay for Artemis (embedded
 * or a cluster), the AMQ_SCHEDULED_DELAY property for ActiveMQ 5 / Amazon MQ (hub.broker.delay-by=activemq-scheduler),
 * never both, so that neither broker delivers it early or twice as late.
 */
class RetryDelayTest {

    /** What the message and the producer were told. */
    private final Map<String, Object> properties = new HashMap<>();
    private Long deliveryDelay;

    private Message message() {
        return (Message) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Message.class },
                (proxy, method, args) -> {
                    if (method.getName().startsWith("set") && method.getName().endsWith("Property")) {
                        properties.put((String) args[0], args[1]);
                    }
                    return null;
                });
    }

    private MessageProducer producer() {
        return (MessageProducer) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { MessageProducer.class }, (proxy, method, args) -> {
                    if (method.getName().equals("setDeliveryDelay")) {
                        deliveryDelay = (Long) args[0];
                    }
                    return null;
                });
    }

    @Test
    void artemisGetsTheJmsDeliveryDelayAndNoActiveMqProperty() throws Exception {
        RetryLater.delay("jms", message(), producer(), 42_000);
        assertEquals(42_000L, deliveryDelay);
        assertNull(properties.get("AMQ_SCHEDULED_DELAY"));
    }

    @Test
    void amazonMqForActiveMqGetsTheSchedulerPropertyAndNoDeliveryDelay() throws Exception {
        RetryLater.delay("activemq-scheduler", message(), producer(), 42_000);
        assertEquals(42_000L, properties.get("AMQ_SCHEDULED_DELAY"));
        assertEquals(0L, deliveryDelay);
    }
}
