package cn.approvalbridge.hub.partners.jsonproviders;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.utility.Utility;
import cn.approvalbridge.hub.utility.UtilityQueues;
import cn.approvalbridge.hub.utility.UtilityRouteBuilder;
import cn.approvalbridge.hub.utility.UtilitySteps;

/**
 * Power, gas and telecom: JSON over HTTPS, POSTed to hub.utilities.&lt;UTILITY&gt;.url (the sandbox provider when unset).
 * The shared queue is moved at once onto a queue per provider (hub.utility.out.json.POWER, ...), with its own consumers
 * and circuit breaker (utility-&lt;UTILITY&gt;): a provider that is down waits on the broker without delaying another.
 */
@ApplicationScoped
public class JsonProviderRoutes extends UtilityRouteBuilder {

    @Override
    protected void routes() {
        List<String> json = Arrays.stream(Utility.values()).filter(u -> u.transport() == Utility.Transport.JSON_HTTPS)
                .map(Utility::name).toList();
        dispatch(UtilityQueues.TO_JSON_PROVIDERS, "utility-json-dispatch", UtilityQueues.DLQ_UTILITY, "utility", json);
        for (String u : json) {
            postToPartner(consumeUtility(Queues.of(UtilityQueues.TO_JSON_PROVIDERS, u), "utility-json-request-" + u,
                    Utility.valueOf(u).identity())
                    .setBody(method(UtilitySteps.class, "message"))
                    .setBody(method(JsonProviders.class, "request"))
                    .filter(header(HubHeaders.ALREADY_DONE).isEqualTo(false)), Utility.valueOf(u).identity(), JSON)
                    .bean(UtilitySteps.class, "acknowledged")
                    .end();
        }
    }
}
