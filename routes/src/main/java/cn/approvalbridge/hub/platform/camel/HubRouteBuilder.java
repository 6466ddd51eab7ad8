package cn.approvalbridge.hub.platform.camel;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.broker.Queues;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.RouteDefinition;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What every hub RouteBuilder shares: a dead letter channel per partner (redelivery with back-off from properties, then
 * the partner's dead-letter queue plus a database record an operator can list and replay), and permanent failures
 * (a partner's 4xx, a function's REJECTED) sent there without retrying.
 */
public abstract class HubRouteBuilder extends RouteBuilder {

    protected void deadLetters() {
        var config = ConfigProvider.getConfig();
        // deadLetterHandleNewException(false): should the dead-letter route itself fail (store down, or stopping at
        // shutdown), the consumption rolls back and the broker redelivers; Camel's default would swallow that failure
        // and acknowledge a message that was neither delivered nor dead-lettered
        errorHandler(deadLetterChannel("direct:dead-letter").deadLetterHandleNewException(false).useOriginalMessage()
                .maximumRedeliveries(config.getValue("hub.redelivery.maximum-redeliveries", Integer.class))
                .redeliveryDelay(config.getValue("hub.redelivery.delay-ms", Long.class))
                .backOffMultiplier(config.getValue("hub.redelivery.back-off-multiplier", Double.class))
                .useExponentialBackOff()
                .maximumRedeliveryDelay(config.getValue("hub.redelivery.maximum-delay-ms", Long.class))
                .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN));
        onException(PermanentFailure.class).maximumRedeliveries(0);
        onException(HttpOperationFailedException.class)
                .onWhen(e -> {
                    int status = e.getException(HttpOperationFailedException.class).getStatusCode();
                    return status >= 400 && status < 500 && status != 408 && status != 429;
                })
                .maximumRedeliveries(0);
    }

    /** A transacted consumer of {@code queue} whose failures end in {@code deadLetterQueue}. */
    protected RouteDefinition consume(String queue, String routeId, String partner, String deadLetterQueue) {
        return from(Queues.jms(queue) + "?concurrentConsumers={{hub.broker.consumers}}")
                .routeId(routeId)
                .setProperty(HubHeaders.SOURCE_QUEUE, constant(queue))
                .setProperty(HubHeaders.DEAD_LETTER_QUEUE, constant(deadLetterQueue))
                .setProperty(HubHeaders.PARTNER, constant(partner));
    }
}
