package cn.approvalbridge.hub.platform.partners;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Each partner's breaker in /q/health: always UP, because a partner that is down is not the hub's fault and its
 * messages wait on the broker; a load balancer must keep sending intake to this hub.
 */
@Readiness
@ApplicationScoped
public class PartnerHealthCheck implements HealthCheck {

    @Inject
    PartnerBreakers breakers;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("partners").up();
        for (PartnerStatus s : breakers.statuses()) {
            b.withData(s.name(), s.state() + (s.waiting() > 0 ? ", " + s.waiting() + " waiting" : ""));
        }
        return b.build();
    }
}
