package cn.approvalbridge.hub.partners.investmentplatform;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;

/**
 * The investment platform (投资在线平台): the coded project is registered there (its JSON: xmdm, xmmc, ztz, ...), then
 * the project unit gets the CODE_ASSIGNED SMS; approval results are shared with it as they arrive (one insert at the
 * platform, keyed by xmdm + spsxbm), each in the project's trail once.
 */
@ApplicationScoped
public class InvestmentPlatformRoutes extends HubRouteBuilder {

    @Override
    protected void routes() {
        postToPartner(consume(Queues.INVESTMENT_PLATFORM, "investment-platform-registration", "investment-platform",
                Queues.DLQ_INVESTMENT_PLATFORM)
                .setBody(method(ProjectRegistration.class, "project"))
                .filter(header(HubHeaders.ALREADY_DONE).isEqualTo(false))
                    .setHeader(Exchange.HTTP_URI, method(InvestmentPlatform.class, "url")), "investment-platform", JSON)
                .end()
                .setBody(method(ProjectRegistration.class, "registered"))
                .removeHeaders("*")
                .to(Queues.jms(Queues.NOTIFICATIONS));

        postToPartner(consume(Queues.PLATFORM_RESULTS, "investment-platform-results", "investment-platform",
                Queues.DLQ_INVESTMENT_PLATFORM)
                .setBody(method(PlatformResults.class, "toPlatform")), "investment-platform", JSON)
                .bean(PlatformResults.class, "shared");
    }
}
