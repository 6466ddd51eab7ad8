package cn.approvalbridge.hub.partners.investmentplatform;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

/**
 * The investment platform (投资在线平台): the coded project is registered there (its JSON: xmdm, xmmc, ztz, ...), then
 * the project unit gets the CODE_ASSIGNED SMS.
 */
@ApplicationScoped
public class InvestmentPlatformRoutes extends HubRouteBuilder {

    @Override
    public void configure() {
        deadLetters();

        consume(Queues.INVESTMENT_PLATFORM, "investment-platform-registration", "investment-platform",
                Queues.DLQ_INVESTMENT_PLATFORM)
                .setBody(method("flowSteps", "platformProject"))
                .filter(header(HubHeaders.ALREADY_DONE).isEqualTo(false))
                    .setProperty("hubSentRequest", body())
                    .removeHeaders("JMS*")
                    .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                    .setHeader(Exchange.HTTP_URI, method("investmentPlatform", "url"))
                    // connect 3 s, response 10 s: a registration is one insert at the platform; longer means trouble
                    .to("http://investment-platform?connectTimeout={{hub.partners.connect-timeout-ms}}"
                            + "&responseTimeout={{hub.partners.response-timeout-ms}}")
                .end()
                .setBody(method("flowSteps", "platformRegistered"))
                .removeHeaders("*")
                .to(Queues.jms(Queues.NOTIFICATIONS));
    }
}
