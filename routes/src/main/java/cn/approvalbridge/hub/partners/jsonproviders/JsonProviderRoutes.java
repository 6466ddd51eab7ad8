package cn.approvalbridge.hub.partners.jsonproviders;

import jakarta.enterprise.context.ApplicationScoped;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.utility.UtilityQueues;
import cn.approvalbridge.hub.utility.UtilityRouteBuilder;
import cn.approvalbridge.hub.utility.UtilitySteps;

/**
 * Power, gas and telecom: JSON over HTTPS, POSTed to hub.utilities.&lt;UTILITY&gt;.url (the sandbox provider when unset).
 * A provider that is down is retried with back-off, then the message goes to the dead letters for replay.
 */
@ApplicationScoped
public class JsonProviderRoutes extends UtilityRouteBuilder {

    @Override
    protected void routes() {
        postToPartner(consumeUtility(UtilityQueues.TO_JSON_PROVIDERS, "utility-json-request", "utility")
                .setBody(method(UtilitySteps.class, "message"))
                .setBody(method(JsonProviders.class, "request"))
                .filter(header(HubHeaders.ALREADY_DONE).isEqualTo(false)), "utility-json", JSON)
                .bean(UtilitySteps.class, "acknowledged")
                .end();
    }
}
