package cn.approvalbridge.hub.platform.camel;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.partners.PartnerBreakers;
import cn.approvalbridge.hub.platform.store.SendClaims;
import cn.approvalbridge.support.Masking;

/**
 * A message whose partner is down waits on the broker, not in a thread: the failed consumption commits together with a
 * re-send of the same message to the same queue with a JMS 2.0 delivery delay (exponential back-off with jitter,
 * a 429's or 503's Retry-After honoured), carrying its attempt count and first failure. Only a permanent failure or
 * the end of the partner's retry horizon goes to the dead letters.
 */
@ApplicationScoped
public class RetryLater {

    private static final Logger LOG = Logger.getLogger(RetryLater.class);

    @Inject
    PartnerBreakers breakers;

    @Inject
    CamelContext camel;

    @Inject
    Clock clock;

    static final String ACTIVEMQ_SCHEDULER = "activemq-scheduler";
    static final String AMQ_SCHEDULED_DELAY = "AMQ_SCHEDULED_DELAY";

    /** jms (JMS 2.0 delivery delay: Artemis, embedded or a cluster) or activemq-scheduler (see hub.broker.delay-by). */
    @ConfigProperty(name = "hub.broker.delay-by")
    String delayBy;

    /** Re-sends the failed message with a delay when its failure may pass and its horizon allows; true if it did. */
    public boolean handle(Exchange exchange) throws JMSException {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String partner = exchange.getProperty(HubHeaders.PARTNER, "unknown", String.class);
        String messageId = exchange.getProperty(HubHeaders.MESSAGE_ID, String.class);
        if (!isTransient(cause)) {
            breakers.gaveUp(partner, messageId);
            return false;
        }
        // a copy that found the call being made by another delivery says nothing about the partner's health
        boolean held = find(cause, SendClaims.HeldElsewhere.class) != null;
        boolean notCalled = held || find(cause, PartnerBreakers.PartnerUnavailable.class) != null;
        if (!notCalled) {
            breakers.failed(partner, Masking.maskText(cause.getClass().getSimpleName() + ": " + cause.getMessage()));
        }
        Instant now = clock.instant();
        Long first = exchange.getIn().getHeader(HubHeaders.FIRST_FAILURE, Long.class);
        Instant firstFailure = first == null ? now : Instant.ofEpochMilli(first);
        Duration horizon = breakers.setting(partner, "retry.horizon", Duration.class);
        if (now.isAfter(firstFailure.plus(horizon))) {
            LOG.warnf("Partner %s: message %s still undelivered after its retry horizon %s", partner, messageId, horizon);
            breakers.gaveUp(partner, messageId);
            return false;
        }
        int attempt = exchange.getIn().getHeader(HubHeaders.ATTEMPT, 0, Integer.class) + 1;
        long delay = delayMs(partner, attempt, cause);
        resend(exchange, attempt, firstFailure, messageId, delay);
        if (!held) {
            breakers.waiting(partner, messageId, firstFailure);
        }
        LOG.infof("Partner %s: message %s retried in %d s (attempt %d)", partner, messageId, delay / 1000, attempt);
        return true;
    }

    /** Down, timed out, 5xx, 408, 429, its breaker open, its database unreachable: worth trying again later. */
    static boolean isTransient(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof PermanentFailure) {
                return false;
            }
            if (t instanceof HttpOperationFailedException h) {
                int status = h.getStatusCode();
                return status >= 500 || status == 408 || status == 429;
            }
            if (t instanceof PartnerBreakers.PartnerUnavailable || t instanceof SendClaims.HeldElsewhere
                    || t instanceof IOException || t instanceof SQLException
                    || t instanceof JMSException) {
                return true;
            }
        }
        return false;
    }

    long delayMs(String partner, int attempt, Throwable cause) {
        Duration firstDelay = breakers.setting(partner, "retry.first-delay", Duration.class);
        double multiplier = breakers.setting(partner, "retry.multiplier", Double.class);
        Duration cap = breakers.setting(partner, breakers.isOpen(partner) ? "breaker.open-max-delay" : "retry.max-delay",
                Duration.class);
        double base = Math.min(firstDelay.toMillis() * Math.pow(multiplier, attempt - 1), cap.toMillis());
        // ±20 %: messages that failed together do not all come back in the same millisecond
        long delay = (long) (base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        return Math.max(delay, retryAfterMs(cause));
    }

    /** A Retry-After in seconds or as an HTTP date, 0 when there is none. */
    static long retryAfterMs(Throwable cause) {
        HttpOperationFailedException h = find(cause, HttpOperationFailedException.class);
        Map<String, String> headers = h == null ? null : h.getResponseHeaders();
        String value = headers == null ? null : headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Retry-After")).map(Map.Entry::getValue).findFirst().orElse(null);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(value.strip()) * 1000;
        } catch (NumberFormatException e) {
            try {
                return Math.max(0, Duration.between(Instant.now(),
                        ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)).toMillis());
            } catch (RuntimeException bad) {
                return 0;
            }
        }
    }

    /** On the consumer's own JMS session, so the re-send commits with the consumption (see JmsSetup). */
    private void resend(Exchange exchange, int attempt, Instant firstFailure, String messageId, long delay)
            throws JMSException {
        ConnectionFactory factory = camel.getComponent("jms", JmsComponent.class).getConfiguration().getConnectionFactory();
        if (!(TransactionSynchronizationManager.getResource(factory) instanceof JmsResourceHolder holder)) {
            throw new IllegalStateException("a delayed re-send must ride the consumer's JMS transaction");
        }
        Session session = holder.getSession();
        String queue = exchange.getProperty(HubHeaders.SOURCE_QUEUE, String.class);
        Message m = session.createTextMessage(exchange.getIn().getBody(String.class));
        for (Map.Entry<String, Object> h : exchange.getIn().getHeaders().entrySet()) {
            Object v = h.getValue();
            boolean kept = h.getKey().startsWith("Hub") || h.getKey().equals("JMSXGroupID");
            if (kept && (v instanceof String || v instanceof Number || v instanceof Boolean)) {
                m.setObjectProperty(h.getKey(), v);
            }
        }
        m.setIntProperty(HubHeaders.ATTEMPT, attempt);
        m.setLongProperty(HubHeaders.FIRST_FAILURE, firstFailure.toEpochMilli());
        m.setStringProperty(HubHeaders.MESSAGE_ID, messageId);
        MessageProducer producer = session.createProducer(session.createQueue(queue));
        try {
            delay(delayBy, m, producer, delay);
            producer.send(m);
        } finally {
            // the producer is cached and shared: the hub's other sends to this queue must not inherit the delay
            producer.setDeliveryDelay(0);
            producer.close();
        }
    }

    /**
     * How the broker is told to hold the message: ActiveMQ 5 (Amazon MQ for ActiveMQ, schedulerSupport="true")
     * schedules by the AMQ_SCHEDULED_DELAY property (ActiveMqClassicIT, on 5.17.6; its AMQP connector also offers
     * DELAYED_DELIVERY and maps a JMS delivery delay onto the same scheduler); Artemis takes the JMS delivery delay
     * (its scheduled-delivery time), and ignores the ActiveMQ property.
     */
    static void delay(String delayBy, Message m, MessageProducer producer, long delay) throws JMSException {
        if (ACTIVEMQ_SCHEDULER.equals(delayBy)) {
            m.setLongProperty(AMQ_SCHEDULED_DELAY, delay);
            producer.setDeliveryDelay(0);
        } else {
            producer.setDeliveryDelay(delay);
        }
    }

    private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
