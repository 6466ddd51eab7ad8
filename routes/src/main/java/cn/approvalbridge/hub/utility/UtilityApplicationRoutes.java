package cn.approvalbridge.hub.utility;

import jakarta.enterprise.context.ApplicationScoped;


/**
 * The joint application (一单申请) split into one message per selected provider, each on its transport's queue; and
 * provider input that arrives in files or is replayed by an operator, recorded like the API's.
 */
@ApplicationScoped
public class UtilityApplicationRoutes extends UtilityRouteBuilder {

    @Override
    public void configure() {
        deadLetters();

        consumeUtility(UtilityQueues.APPLICATIONS, "utility-application-split", "utility")
                .split(method("utilitySteps", "split"))
                    .setHeader("HubTarget", simple("${body[0]}"))
                    .setBody(simple("${body[1]}"))
                    .removeHeaders("JMS*")
                    .toD("jms:queue:${header.HubTarget}")
                .end();

        consumeUtility(UtilityQueues.PROVIDER_INPUT, "utility-provider-input", "utility")
                .bean("utilitySteps", "providerInput");
    }
}
