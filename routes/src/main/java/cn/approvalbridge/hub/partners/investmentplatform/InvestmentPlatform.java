package cn.approvalbridge.hub.partners.investmentplatform;

import cn.approvalbridge.hub.platform.camel.SelfUrl;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** hub.investment-platform.url: the platform's project registration endpoint; absent → the sandbox platform. */
@ApplicationScoped
@Named("investmentPlatform")
public class InvestmentPlatform {

    @ConfigProperty(name = "hub.investment-platform.url")
    Optional<String> url;

    @Inject
    SelfUrl self;

    public String url() {
        return url.filter(u -> !u.isBlank()).orElseGet(() -> self.sandboxUrl("/sandbox/investment-platform/projects"));
    }
}
