package cn.approvalbridge.hub.platform.camel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once Camel has started the routes: the hub's own entry point (platform.store.HubMain) starts Camel after
 * Quarkus is up, so the HTTP port answers a moment before the queues are consumed.
 */
@Readiness
@ApplicationScoped
public class RoutesHealthCheck implements HealthCheck {

    @Inject
    CamelContext camel;

    @Override
    public HealthCheckResponse call() {
        boolean started = camel.getStatus().isStarted();
        return HealthCheckResponse.named("routes").status(started).withData("camel", camel.getStatus().name()).build();
    }
}
