package cn.approvalbridge.hub.utility;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The joint application (一单申请) split into one message per selected provider, each on its transport's queue; and
 * provider input that arrives in files or is replayed by an operator, recorded like the API's.
 */
@ApplicationScoped
public class UtilityApplicationRoutes extends UtilityRouteBuilder {

    @Override
    protected void routes() {
        fanOut(consumeUtility(UtilityQueues.APPLICATIONS, "utility-application-split", "utility"),
                method(UtilitySteps.class, "split"));

        consumeUtility(UtilityQueues.PROVIDER_INPUT, "utility-provider-input", "utility")
                .bean(UtilitySteps.class, "providerInput");
    }
}
