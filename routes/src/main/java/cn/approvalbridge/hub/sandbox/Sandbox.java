package cn.approvalbridge.hub.sandbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;

import cn.approvalbridge.hub.platform.api.ApiException;

/** Whether the sandbox partners run (hub.sandbox.enabled): on in the embedded default, never under the cloud profile. */
@Startup
@ApplicationScoped
public class Sandbox {

    @ConfigProperty(name = "hub.sandbox.enabled")
    boolean enabled;

    @jakarta.annotation.PostConstruct
    void check() {
        if (enabled && underCloud()) {
            throw new IllegalStateException("hub.sandbox.enabled=true under the cloud profile: the sandbox partners must "
                    + "never run in a real deployment; remove the override");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public void require() {
        if (!enabled) {
            throw new ApiException(404, "$", "sandbox_off", "the sandbox partners are off in this deployment");
        }
    }

    static boolean underCloud() {
        return ConfigUtils.getProfiles().contains("cloud");
    }
}
