package cn.approvalbridge.hub.platform.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.jms.ConnectionFactory;

import org.apache.camel.component.jms.JmsComponent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.springframework.jms.connection.CachingConnectionFactory;

import java.util.Optional;

/**
 * The one {@link ConnectionFactory} of the hub, chosen by hub.broker.kind: embedded (in-VM Artemis), artemis (Artemis
 * core protocol at BROKER_URL) or amqp (Qpid JMS, AMQP 1.0, e.g. Amazon MQ). It is wrapped in a caching factory:
 * camel-jms without one opens a connection per sent message. The Camel "jms" component consumes transacted.
 */
@ApplicationScoped
public class JmsSetup {

    @ConfigProperty(name = "hub.broker.kind")
    String kind;

    @ConfigProperty(name = "hub.broker.url")
    Optional<String> url;

    @ConfigProperty(name = "hub.broker.username")
    Optional<String> username;

    @ConfigProperty(name = "hub.broker.password")
    Optional<String> password;

    @ConfigProperty(name = "hub.broker.session-cache-size")
    int sessionCacheSize;

    @Produces
    @ApplicationScoped
    ConnectionFactory connectionFactory(EmbeddedBroker broker) {
        ConnectionFactory target = switch (kind) {
            case "embedded" -> {
                if (!broker.isEmbedded()) {
                    throw new IllegalStateException("hub.broker.kind=embedded but the embedded broker is not running");
                }
                yield new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(EmbeddedBroker.IN_VM_URL);
            }
            case "artemis" -> new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(required(url, "BROKER_URL"),
                    username.orElse(null), password.orElse(null));
            case "amqp" -> new org.apache.qpid.jms.JmsConnectionFactory(username.orElse(null), password.orElse(null),
                    required(url, "BROKER_URL"));
            default -> throw new IllegalStateException("hub.broker.kind (BROKER_KIND) must be embedded, artemis or amqp, not '"
                    + kind + "'");
        };
        CachingConnectionFactory caching = new CachingConnectionFactory(target);
        caching.setSessionCacheSize(sessionCacheSize);
        // Consumers belong to the listener containers, which cache their own; cached consumers would steal messages.
        caching.setCacheConsumers(false);
        caching.setReconnectOnException(true);
        return caching;
    }

    void close(@Disposes ConnectionFactory factory) {
        if (factory instanceof CachingConnectionFactory caching) {
            caching.destroy();
        }
    }

    /**
     * Transacted consumption: a message leaves its queue only when the route (and its sends) completed, in ONE local
     * JMS transaction. No JmsTransactionManager (jmsComponentTransacted would create one): with it and a cached consumer
     * the message is received and acknowledged on the listener's own session, committed first, and the route's sends
     * ride on the manager's second session, committed after — a kill -9 between the two commits lost the sends (a
     * declaration fanned out to no department). Without it the listener container exposes its session to the route's
     * producers on the same thread, so the acknowledgement and the sends commit (or roll back) together.
     */
    @Produces
    @Named("jms")
    @ApplicationScoped
    JmsComponent jms(ConnectionFactory factory) {
        JmsComponent jms = JmsComponent.jmsComponent(factory);
        jms.getConfiguration().setTransacted(true);
        jms.getConfiguration().setLazyCreateTransactionManager(false);
        jms.getConfiguration().setCacheLevelName("CACHE_CONSUMER");
        return jms;
    }

    private static String required(Optional<String> value, String env) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalStateException(
                "hub.broker.url is not set: give the broker's address in " + env));
    }
}
