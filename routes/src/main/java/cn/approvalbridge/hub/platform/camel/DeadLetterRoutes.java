package cn.approvalbridge.hub.platform.camel;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

import cn.approvalbridge.hub.platform.store.DeadLetters;
import cn.approvalbridge.hub.platform.store.SendClaims;

/**
 * Where failed messages go: a transient failure within the partner's retry horizon back to their queue with a delay
 * (RetryLater); the others end here: a database record (listed and replayed through /api/v1/dead-letters) and the
 * partner's dead-letter queue, both within the failed consumer's transaction. Should recording fail, the exception
 * rolls the consumption back and the broker redelivers: a message is never dropped.
 */
@ApplicationScoped
public class DeadLetterRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:dead-letter";
    /** Where a consumer's failure goes first: a delayed re-send when it may pass, else the dead letters. */
    public static final String FAILURE = "direct:partner-failure";

    @Override
    public void configure() {
        from(FAILURE).routeId("partner-failure")
                .errorHandler(noErrorHandler())
                .bean(SendClaims.class, "release")
                .setProperty(HubHeaders.RETRIED, method(RetryLater.class, "handle"))
                .filter(exchangeProperty(HubHeaders.RETRIED).isEqualTo(false))
                    .to(ENDPOINT)
                .end();

        from(ENDPOINT).routeId("dead-letter")
                .errorHandler(noErrorHandler())
                .bean(DeadLetters.class, "record")
                .removeHeaders("*")
                .toD("jms:queue:${exchangeProperty." + HubHeaders.DEAD_LETTER_QUEUE + "}");
    }
}
