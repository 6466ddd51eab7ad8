package cn.approvalbridge.hub.platform.camel;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.approvalbridge.hub.platform.broker.HubHeaders;

import io.quarkus.runtime.LaunchMode;

/**
 * Where a partner is reached: its configured URL or, without one, its sandbox stand-in on this hub (embedded default
 * only; under cloud a missing URL is an error that names the setting). This hub's own base URL, from which the sandbox partners' URLs derive: the hub opens no port but quarkus.http.port.
 * Read at call time, because a test's port is chosen at start (quarkus.http.test-port=0).
 */
@ApplicationScoped
public class PartnerUrls {

    @ConfigProperty(name = "hub.sandbox.enabled")
    boolean sandboxEnabled;

    /** Each partner's Authorization value (or none), read once: authorize runs before every partner call. */
    private final Map<String, Optional<String>> bearers = new ConcurrentHashMap<>();

    public String base() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        String port = System.getProperty(key);
        if (port == null || port.equals("0")) {
            port = ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse("8080");
        }
        return "http://localhost:" + port;
    }

    /** The URL configured under {@code key}, or the sandbox partner at {@code sandboxPath} on this hub. */
    public String configuredOr(String key, String sandboxPath) {
        return ConfigProvider.getConfig().getOptionalValue(key, String.class).filter(u -> !u.isBlank())
                .orElseGet(() -> sandboxUrl(sandboxPath));
    }

    /**
     * The partner's bearer token (hub.partners.&lt;partner&gt;.bearer-token, a secret from the environment under cloud)
     * as the Authorization header of its call, when it has one; removed again after the call, so it is never logged.
     */
    public void authorize(Exchange exchange) {
        String partner = exchange.getProperty(HubHeaders.PARTNER, String.class);
        bearers.computeIfAbsent(partner, p -> ConfigProvider.getConfig()
                .getOptionalValue("hub.partners." + p + ".bearer-token", String.class).filter(t -> !t.isBlank())
                .map(t -> "Bearer " + t))
                .ifPresent(h -> exchange.getIn().setHeader("Authorization", h));
    }

    public String sandboxUrl(String path) {
        if (!sandboxEnabled) {
            throw new IllegalStateException("No partner URL configured and the sandbox is off (cloud profile): set the "
                    + "partner's URL (see routes/README.md, e.g. DEPT_<CODE>_URL, INVESTMENT_PLATFORM_URL)");
        }
        return base() + path;
    }
}
