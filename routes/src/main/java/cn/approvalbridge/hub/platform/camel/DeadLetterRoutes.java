package cn.approvalbridge.hub.platform.camel;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

import cn.approvalbridge.hub.platform.store.DeadLetters;

/**
 * Where exhausted messages end: a database record (listed and replayed through /api/v1/dead-letters) and the
 * partner's dead-letter queue, both within the failed consumer's transaction. Should recording fail, the exception
 * rolls the consumption back and the broker redelivers: a message is never dropped.
 */
@ApplicationScoped
public class DeadLetterRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:dead-letter";

    @Override
    public void configure() {
        from(ENDPOINT).routeId("dead-letter")
                .errorHandler(noErrorHandler())
                .bean(DeadLetters.class, "record")
                .removeHeaders("*")
                .toD("jms:queue:${exchangeProperty." + HubHeaders.DEAD_LETTER_QUEUE + "}");
    }
}
