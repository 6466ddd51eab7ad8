package cn.approvalbridge.hub.platform.directory;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The review departments the hub knows (hub.departments.codes) and their settings: .name, .duty-mobile (gets
 * DEADLINE_WARNING) and .supervisor-mobile (gets OVERDUE_ESCALATION).
 */
@ApplicationScoped
public class Departments {

    @ConfigProperty(name = "hub.departments.codes")
    List<String> codes;

    @Inject
    Config config;

    public List<String> codes() {
        return codes;
    }

    public boolean isKnown(String code) {
        return codes.contains(code);
    }

    public String name(String code) {
        return config.getOptionalValue("hub.departments." + code + ".name", String.class).orElse(code);
    }

    public Optional<String> dutyMobile(String code) {
        return config.getOptionalValue("hub.departments." + code + ".duty-mobile", String.class);
    }

    public Optional<String> supervisorMobile(String code) {
        return config.getOptionalValue("hub.departments." + code + ".supervisor-mobile", String.class);
    }
}
