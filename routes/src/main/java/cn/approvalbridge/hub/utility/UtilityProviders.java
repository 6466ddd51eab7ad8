package cn.approvalbridge.hub.utility;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import cn.approvalbridge.hub.platform.camel.PartnerUrls;

/**
 * The utility providers and their settings, hub.utilities.&lt;UTILITY&gt;.*: .name, .url (HTTPS providers; absent → the
 * sandbox provider on this hub), .duty-mobile (gets DEADLINE_WARNING), .supervisor-mobile (gets OVERDUE_ESCALATION and
 * survey conflicts), and the working-day limit of each step, .limits.&lt;step&gt; (default hub.utilities.limits.&lt;step&gt;).
 */
@ApplicationScoped
public class UtilityProviders {

    /** The steps a provider owes, in order; each has a working-day limit. */
    public static final String[] STEPS = { "accept", "availability", "survey", "plan", "construction", "connection" };

    @Inject
    Config config;

    @Inject
    PartnerUrls urls;

    public String name(Utility u) {
        return config.getOptionalValue("hub.utilities." + u + ".name", String.class).orElse(u.label());
    }

    public String url(Utility u) {
        return urls.configuredOr("hub.utilities." + u + ".url", "/sandbox/utilities/" + u + "/requests");
    }

    public Optional<String> dutyMobile(Utility u) {
        return config.getOptionalValue("hub.utilities." + u + ".duty-mobile", String.class);
    }

    public Optional<String> supervisorMobile(Utility u) {
        return config.getOptionalValue("hub.utilities." + u + ".supervisor-mobile", String.class);
    }

    public int limit(Utility u, String step) {
        return config.getOptionalValue("hub.utilities." + u + ".limits." + step, Integer.class)
                .orElseGet(() -> config.getValue("hub.utilities.limits." + step, Integer.class));
    }
}
