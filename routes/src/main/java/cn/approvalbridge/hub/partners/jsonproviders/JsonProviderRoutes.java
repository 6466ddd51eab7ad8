package cn.approvalbridge.hub.partners.jsonproviders;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.utility.UtilityHeaders;
import cn.approvalbridge.hub.utility.UtilityQueues;
import cn.approvalbridge.hub.utility.UtilityRouteBuilder;

/**
 * Power, gas and telecom: JSON over HTTPS, POSTed to hub.utilities.&lt;UTILITY&gt;.url (the sandbox provider when unset).
 * A provider that is down is retried with back-off, then the message goes to the dead letters for replay.
 */
@ApplicationScoped
public class JsonProviderRoutes extends UtilityRouteBuilder {

    @Override
    public void configure() {
        deadLetters();

        consumeUtility(UtilityQueues.TO_JSON_PROVIDERS, "utility-json-request", "utility")
                .setBody(method("utilitySteps", "jsonRequest"))
                .filter(header(HubHeaders.ALREADY_DONE).isEqualTo(false))
                    .setProperty(UtilityHeaders.SENT, body())
                    .removeHeaders("JMS*")
                    .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                    // connect 3 s, response 10 s: a provider only files the application; longer means it is in trouble
                    .to("http://utility-json?connectTimeout={{hub.partners.connect-timeout-ms}}"
                            + "&responseTimeout={{hub.partners.response-timeout-ms}}")
                    .bean("utilitySteps", "acknowledged")
                .end();
    }
}
