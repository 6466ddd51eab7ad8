package cn.approvalbridge.hub.utility.routes;

import jakarta.enterprise.context.ApplicationScoped;

import cn.approvalbridge.hub.routes.HubRouteBuilder;

/**
 * The joint application (一单申请) split into one message per selected provider, each on its transport's queue; and
 * provider input that arrives in files or is replayed by an operator, recorded like the API's.
 */
@ApplicationScoped
public class UtilityApplicationRoutes extends HubRouteBuilder {

    @Override
    public void configure() {
        deadLetters();

        consume(UtilityQueues.APPLICATIONS, "utility-application-split", "utility", UtilityQueues.DLQ_UTILITY)
                .split(method("utilitySteps", "split"))
                    .setHeader("HubTarget", simple("${body[0]}"))
                    .setBody(simple("${body[1]}"))
                    .removeHeaders("JMS*")
                    .toD("jms:queue:${header.HubTarget}")
                .end();

        consume(UtilityQueues.PROVIDER_INPUT, "utility-provider-input", "utility", UtilityQueues.DLQ_UTILITY)
                .bean("utilitySteps", "providerInput");
    }
}
