package cn.approvalbridge.hub.partners.investmentplatform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.camel.PartnerUrls;

/**
 * The investment platform's endpoints: hub.investment-platform.url takes project registrations, .results-url the
 * approval results as they arrive. Unset: the sandbox platform on this hub.
 */
@ApplicationScoped
public class InvestmentPlatform {

    @Inject
    PartnerUrls urls;

    public String url() {
        return urls.configuredOr("hub.investment-platform.url", "/sandbox/investment-platform/projects");
    }

    public String resultsUrl() {
        return urls.configuredOr("hub.investment-platform.results-url", "/sandbox/approval/investment-platform/results");
    }
}
