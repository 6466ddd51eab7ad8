package cn.approvalbridge.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * For HubBenchmark: a department reached through a WireMock fake that passes its requests on to the hub's sandbox
 * department, or answers 503 while it is "down". The hub's retry settings are shortened as in PartnerOutageIT (first
 * retry after 2 s, at most 20 s apart, 10 s while the breaker is open), so that a minute's outage ends in the run.
 */
final class PartnerOutage implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String department;
    private final WireMockServer fake;
    private final HubProcess hub;

    PartnerOutage(String department, HubProcess hub) {
        this.department = department;
        this.hub = hub;
        this.fake = department == null ? null : new WireMockServer(options().dynamicPort());
        if (fake != null) {
            fake.start();
            fake.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(hub.base())));
        }
    }

    List<String> settings() {
        if (fake == null) {
            return List.of();
        }
        return List.of("hub.departments." + department + ".url=http://localhost:" + fake.port() + "/sandbox/departments/"
                + department + "/pre-review", "hub.partners.retry.first-delay=2s", "hub.partners.retry.max-delay=20s",
                "hub.partners.breaker.open-max-delay=10s", "hub.partners.breaker.cool-down=5s",
                "hub.partners.alert.after=1h");
    }

    /** The department answers 503 from now for {@code length}, then passes requests on again. */
    Running downFor(Duration length) {
        StubMapping stub = fake.stubFor(post(urlPathMatching("/sandbox/departments/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        return new Running(stub, System.currentTimeMillis() + length.toMillis());
    }

    /** How the other department fared while this one was down. */
    record Other(String department, int answered, int declarations, double slowestSeconds) {
        @Override
        public String toString() {
            return String.format("while %s was down: the other department had answered %d of %d declarations "
                    + "(slowest %.1f s after receipt)", department, answered, declarations, slowestSeconds);
        }
    }

    final class Running {
        private final StubMapping stub;
        private final long endsAtEpochMs;

        Running(StubMapping stub, long endsAtEpochMs) {
            this.stub = stub;
            this.endsAtEpochMs = endsAtEpochMs;
        }

        long backAtEpochMs() {
            return endsAtEpochMs;
        }

        /**
         * Waits for the outage to end, ends it, and says how the other department fared meanwhile: how many of the
         * declarations it had answered by the department's return, and its slowest answer after acknowledgement.
         */
        Other awaitEndAndReport(HubProcess hub, Collection<String> declarationIds) throws Exception {
            Thread.sleep(Math.max(0, endsAtEpochMs - System.currentTimeMillis()));
            fake.removeStub(stub);
            int answered = 0;
            double slowest = 0;
            for (String id : declarationIds) {
                JsonNode d = JSON.readTree(hub.get("/api/v1/declarations/" + id, "window").body());
                for (JsonNode r : d.path("departments")) {
                    if (!r.path("departmentCode").asText().equals(department) && !r.path("answeredAt").isNull()
                            && !r.path("answeredAt").asText().isEmpty()) {
                        long at = OffsetDateTime.parse(r.path("answeredAt").asText()).toInstant().toEpochMilli();
                        long received = OffsetDateTime.parse(d.path("receivedAt").asText()).toInstant().toEpochMilli();
                        if (at <= endsAtEpochMs) {
                            answered++;
                            slowest = Math.max(slowest, (at - received) / 1e3);
                        }
                    }
                }
            }
            return new Other(department, answered, declarationIds.size(), slowest);
        }
    }

    @Override
    public void close() {
        if (fake != null) {
            fake.stop();
        }
    }
}
