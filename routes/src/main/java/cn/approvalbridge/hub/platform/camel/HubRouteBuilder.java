package cn.approvalbridge.hub.platform.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.eclipse.microprofile.config.ConfigProvider;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.partners.PartnerBreakers;
import cn.approvalbridge.hub.platform.store.SendClaims;

/**
 * What every hub RouteBuilder shares, declared here once: a dead letter channel per partner (redelivery with back-off
 * from properties, then the partner's dead-letter queue plus a database record an operator can list and replay),
 * permanent failures (a partner's 4xx, a function's REJECTED) sent there without retrying, transacted consumers, the
 * fan-out of a step's messages, and the POST to a partner with the hub's timeouts.
 */
public abstract class HubRouteBuilder extends RouteBuilder {

    /** Header of a fanned-out message: the queue it goes to. */
    private static final String TARGET = "HubTarget";

    public static final String JSON = "application/json";

    /** The header that carries a message's id to a partner, the same on each re-send. */
    public static final String REQUEST_ID = "X-Request-Id";

    @Override
    public final void configure() throws Exception {
        deadLetters();
        routes();
    }

    /** This builder's routes, under the hub's dead-letter policy. */
    protected abstract void routes() throws Exception;

    private void deadLetters() {
        var config = ConfigProvider.getConfig();
        // deadLetterHandleNewException(false): should the dead-letter route itself fail (store down, or stopping at
        // shutdown), the consumption rolls back and the broker redelivers; Camel's default would swallow that failure
        // and acknowledge a message that was neither delivered nor dead-lettered
        // a couple of quick in-memory retries for a blip; then the failure goes to the broker (a delayed re-send, see
        // RetryLater) or, when permanent, to the dead letters
        errorHandler(deadLetterChannel(DeadLetterRoutes.FAILURE).deadLetterHandleNewException(false).useOriginalMessage()
                .maximumRedeliveries(config.getValue("hub.redelivery.maximum-redeliveries", Integer.class))
                .redeliveryDelay(config.getValue("hub.redelivery.delay-ms", Long.class))
                .backOffMultiplier(config.getValue("hub.redelivery.back-off-multiplier", Double.class))
                .useExponentialBackOff()
                .maximumRedeliveryDelay(config.getValue("hub.redelivery.maximum-delay-ms", Long.class))
                .retryAttemptedLogLevel(LoggingLevel.WARN));
        // useOriginalMessage here too (an onException does not inherit it from the error handler): a copy re-sent
        // for later (its call claimed elsewhere, e.g. by a hub killed mid-call; its breaker open) or dead-lettered must
        // be the message as consumed, not the partner's body the route had made of it
        onException(PermanentFailure.class, PartnerBreakers.PartnerUnavailable.class, SendClaims.HeldElsewhere.class)
                .useOriginalMessage()
                .maximumRedeliveries(0);
        onException(HttpOperationFailedException.class)
                .onWhen(e -> {
                    int status = e.getException(HttpOperationFailedException.class).getStatusCode();
                    return status >= 400 && status < 500 && status != 408 && status != 429;
                })
                .useOriginalMessage()
                .maximumRedeliveries(0);
    }

    /** A transacted consumer of {@code queue} whose failures end in {@code deadLetterQueue}. */
    protected RouteDefinition consume(String queue, String routeId, String partner, String deadLetterQueue) {
        return consume(queue, routeId, partner, deadLetterQueue, "{{hub.broker.consumers}}");
    }

    /** As above, with {@code consumers} concurrent consumers (a number or a property placeholder). */
    protected RouteDefinition consume(String queue, String routeId, String partner, String deadLetterQueue,
            String consumers) {
        io.quarkus.arc.Arc.container().instance(PartnerBreakers.class).get().known(partner);
        // one step, not four: the error handler copies the exchange before every step of a route
        return from(Queues.jms(queue) + "?concurrentConsumers=" + consumers)
                .routeId(routeId)
                .process(e -> {
                    e.setProperty(HubHeaders.SOURCE_QUEUE, queue);
                    e.setProperty(HubHeaders.DEAD_LETTER_QUEUE, deadLetterQueue);
                    e.setProperty(HubHeaders.PARTNER, partner);
                    e.setProperty(HubHeaders.MESSAGE_ID, e.getIn().getHeader(HubHeaders.MESSAGE_ID,
                            e.getIn().getHeader("JMSMessageID"), String.class));
                    detach(e);
                });
    }

    /**
     * Puts the consumed message's body and headers (the JMS ones included) into a plain Camel message. The route then
     * copies plain messages: Camel 4.17 copies a JmsMessage through JmsMessage.newInstance(), which builds one around a
     * null JMS message and throws and catches a NullPointerException each time (113 per declaration in the benchmark's
     * profile). The consumer's JMS transaction does not ride on the message, but on the listener's thread (JmsSetup).
     */
    static void detach(Exchange e) {
        if (e.getIn() instanceof org.apache.camel.component.jms.JmsMessage in) {
            org.apache.camel.support.DefaultMessage plain = new org.apache.camel.support.DefaultMessage(e);
            plain.getHeaders().putAll(in.getHeaders());
            plain.setBody(in.getBody());
            e.setIn(plain);
        }
    }

    /**
     * Moves each message of {@code shared} at once to the own queue of the partner its body names in {@code field}
     * (one of {@code partners}): one partner down never holds up another's messages. No partner is called here.
     */
    protected void dispatch(String shared, String routeId, String deadLetterQueue, String field,
            java.util.Collection<String> partners) {
        consume(shared, routeId, "hub", deadLetterQueue)
                .process(e -> e.setProperty(HubHeaders.TARGET_QUEUE, PartnerQueues.target(e, field, partners)))
                .removeHeaders("*", "JMSXGroupID")
                .toD("jms:queue:${exchangeProperty." + HubHeaders.TARGET_QUEUE + "}");
    }

    /** Before calling the route's partner: while its circuit breaker is open the message goes back to the broker. */
    protected <T extends ProcessorDefinition<T>> T admit(T route) {
        return route.bean(PartnerBreakers.class, "admit(${exchangeProperty." + HubHeaders.PARTNER + "})");
    }

    /** After the route's partner took the message: its breaker closes, the message no longer waits. */
    protected <T extends ProcessorDefinition<T>> T delivered(T route) {
        return route.bean(PartnerBreakers.class, "succeeded(${exchangeProperty." + HubHeaders.PARTNER + "}, ${exchangeProperty."
                + HubHeaders.MESSAGE_ID + "})");
    }

    /**
     * Sends each message of a step to its queue: {@code messages} gives [queue, body] pairs. The sends join the
     * consumer's JMS transaction, so either all of them happen, with the consumption, or none.
     */
    protected <T extends ProcessorDefinition<T>> T fanOut(T route, Expression messages) {
        route.split(messages)
                .setHeader(TARGET, simple("${body[0]}"))
                .setBody(simple("${body[1]}"))
                .removeHeaders("*", TARGET)
                .toD("jms:queue:${header." + TARGET + "}")
            .end();
        return route;
    }

    /**
     * POSTs the body to a partner: to {@code endpoint}'s URL, or to Exchange.HTTP_URI when set. {@code endpoint} names
     * the partner (hub.partners.&lt;endpoint&gt;.* for its client certificate, see PartnerTls). The call is claimed first
     * (SendClaims): of two copies of a message consumed at once only one calls; a copy that comes after the partner took
     * the call does not call again (its body is then empty). The body as sent is kept in the exchange property
     * {@link HubHeaders#SENT_REQUEST}, for the trail once the partner took it (2xx).
     */
    protected <T extends ProcessorDefinition<T>> T postToPartner(T route, String endpoint, String contentType) {
        route.setProperty(HubHeaders.SENT_REQUEST, body());
        admit(route)
                .removeHeaders("JMS*")
                .bean(SendClaims.class, "claim")
                // the message id (or the step's own key) goes along, so that the partner can de-duplicate a re-send;
                // none of the hub's own headers does (PartnerHeaderFilter)
                .setHeader(REQUEST_ID, method(SendClaims.class, "key"));
        route.choice()
                .when(exchangeProperty(SendClaims.OUTCOME).isEqualTo("SEND"))
                    .bean(PartnerUrls.class, "authorize")
                    .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                    .setHeader(Exchange.CONTENT_TYPE, constant(contentType))
                    // connect 3 s, response 10 s (hub.partners.*): every partner call is one insert on their side; a
                    // partner that takes longer is treated as down and the message retried later
                    .to("http://" + endpoint + "?connectTimeout={{hub.partners.connect-timeout-ms}}"
                            + "&responseTimeout={{hub.partners.response-timeout-ms}}&headerFilterStrategy=#"
                            + PartnerHeaderFilter.NAME + PartnerTls.endpointOption(getContext(), endpoint))
                    .removeHeader("Authorization")
                    .bean(SendClaims.class, "sent")
                .otherwise()
                    .setBody(constant(""))
                .end();
        return delivered(route);
    }
}
