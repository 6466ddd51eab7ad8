package cn.approvalbridge.hub.platform.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the broker takes a connection (the database's check comes with the datasource). */
@Readiness
@ApplicationScoped
public class BrokerHealthCheck implements HealthCheck {

    @Inject
    ConnectionFactory factory;

    @Inject
    EmbeddedBroker embedded;

    @Override
    public HealthCheckResponse call() {
        try (Connection c = factory.createConnection()) {
            return HealthCheckResponse.named("broker").up().withData("embedded", embedded.isEmbedded()).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("broker").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
