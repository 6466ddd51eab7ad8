package cn.approvalbridge.hub.platform.partners;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.HubProcess;

/**
 * Issue 14, measured on the packaged hub: department FGW (a WireMock fake) answers 503 for a while under a stream of
 * declarations to FGW and ZRZY (ZRZY on the same fake, always up). Afterwards FGW took every request exactly once (one
 * 2xx per declaration, the same X-Request-Id on each attempt, no hub header, ZRZY's bearer token to ZRZY only), nothing was dead-lettered, and ZRZY got
 * each request within a few seconds of its declaration all along. The second test kills the hub (kill -9) during the
 * outage and restarts it on the same ./data: the delayed re-sends are on the broker, so nothing is lost either.
 */
class PartnerOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DECLARATIONS = 40;

    private WireMockServer fake;

    @BeforeEach
    void startFake() {
        fake = new WireMockServer(options().dynamicPort());
        fake.start();
        down();
        fake.stubFor(post(urlPathEqualTo("/zrzy")).willReturn(aResponse().withStatus(202)));
    }

    @AfterEach
    void stopFake() {
        fake.stop();
    }

    @Test
    void aDepartmentDownForMinutesGetsEverythingOnceAndHoldsUpNoOther() throws Exception {
        Path dir = Path.of("target", "partner-outage-" + System.currentTimeMillis()).toAbsolutePath();
        try (HubProcess hub = new HubProcess(dir)) {
            hub.start(settings());
            Map<String, Long> sentAt = declare(hub);
            Thread.sleep(Duration.ofSeconds(60).toMillis()); // FGW down about 80 s in all, past several back-offs
            assertOpen(hub);
            up();
            awaitDelivered(hub, sentAt.keySet(), Duration.ofSeconds(90));
            assertDeliveredOnceAndNothingElse(hub, sentAt);
        }
    }

    @Test
    void killedDuringTheOutageTheHubStillDeliversEverythingOnce() throws Exception {
        Path dir = Path.of("target", "partner-outage-kill-" + System.currentTimeMillis()).toAbsolutePath();
        Map<String, Long> sentAt;
        try (HubProcess first = new HubProcess(dir)) {
            first.start(settings());
            sentAt = declare(first);
            Thread.sleep(Duration.ofSeconds(10).toMillis());
            first.kill();
        }
        try (HubProcess second = new HubProcess(dir)) {
            second.start(settings());
            Thread.sleep(Duration.ofSeconds(20).toMillis());
            up();
            awaitDelivered(second, sentAt.keySet(), Duration.ofSeconds(90));
            assertDeliveredOnceAndNothingElse(second, sentAt);
        }
    }

    private String[] settings() {
        String base = "http://localhost:" + fake.port();
        return new String[] { "hub.departments.FGW.url=" + base + "/fgw", "hub.departments.ZRZY.url=" + base + "/zrzy",
                "hub.partners.retry.first-delay=2s", "hub.partners.retry.max-delay=20s",
                "hub.partners.breaker.open-max-delay=10s", "hub.partners.breaker.cool-down=5s",
                "hub.partners.alert.after=1h", "hub.partners.department-ZRZY.bearer-token=zrzy-t0ken" };
    }

    /** A declaration to FGW and ZRZY every 0.5 s: declarationId → when the hub acknowledged it (ms). */
    private Map<String, Long> declare(HubProcess hub) throws Exception {
        Map<String, Long> sentAt = new HashMap<>();
        for (int i = 0; i < DECLARATIONS; i++) {
            String id = Fixtures.uniqueId("O");
            String body = JSON.writeValueAsString(Fixtures.declaration(id, Fixtures.mobile(), List.of("FGW", "ZRZY")));
            assertEquals(202, hub.post("/api/v1/declarations", "window", body).statusCode());
            sentAt.put(id, System.currentTimeMillis());
            Thread.sleep(500);
        }
        return sentAt;
    }

    private void down() {
        fake.stubFor(post(urlPathEqualTo("/fgw")).atPriority(1).willReturn(aResponse().withStatus(503)));
    }

    private void up() {
        fake.stubFor(post(urlPathEqualTo("/fgw")).atPriority(1).willReturn(aResponse().withStatus(202)));
    }

    private void assertOpen(HubProcess hub) throws Exception {
        JsonNode partners = JSON.readTree(hub.get("/api/v1/partners", "operator").body());
        for (JsonNode p : partners) {
            if (p.path("name").asText().equals("department-FGW")) {
                // OPEN, or HALF_OPEN while a probe is out
                assertTrue(p.path("state").asText().matches("OPEN|HALF_OPEN"), p.toString());
                assertTrue(p.path("waiting").asInt() > 0, p.toString());
            }
            if (p.path("name").asText().equals("department-ZRZY")) {
                assertEquals("CLOSED", p.path("state").asText(), p.toString());
            }
        }
    }

    private void awaitDelivered(HubProcess hub, Set<String> ids, Duration within) throws Exception {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until && !taken("/fgw").keySet().containsAll(ids)) {
            Thread.sleep(1000);
        }
        Thread.sleep(5000); // let anything sent twice arrive before it is counted
    }

    private void assertDeliveredOnceAndNothingElse(HubProcess hub, Map<String, Long> sentAt) throws Exception {
        Map<String, List<ServeEvent>> fgw = taken("/fgw");
        Map<String, List<ServeEvent>> zrzy = taken("/zrzy");
        long worst = 0;
        for (String id : sentAt.keySet()) {
            assertEquals(1, fgw.getOrDefault(id, List.of()).size(), "FGW took " + id);
            assertEquals(1, zrzy.getOrDefault(id, List.of()).size(), "ZRZY took " + id);
            worst = Math.max(worst, zrzy.get(id).get(0).getRequest().getLoggedDate().getTime() - sentAt.get(id));
        }
        System.out.printf("PartnerOutageIT: ZRZY's slowest request %d ms after its declaration%n", worst);
        assertTrue(worst < 5000, "ZRZY held up by FGW's outage: " + worst + " ms");
        Set<String> requestIds = new HashSet<>();
        for (ServeEvent e : fake.getAllServeEvents()) {
            var headers = e.getRequest().getHeaders();
            assertTrue(headers.keys().stream().noneMatch(h -> h.startsWith("Hub") || h.startsWith("JMS")
                    || h.startsWith("Camel")), "hub headers sent: " + headers.keys());
            String requestId = headers.getHeader("X-Request-Id").firstValue();
            boolean toZrzy = e.getRequest().getUrl().startsWith("/zrzy");
            assertEquals(toZrzy ? "Bearer zrzy-t0ken" : null, headers.getHeader("Authorization").isPresent()
                    ? headers.getHeader("Authorization").firstValue() : null, "a partner's bearer token, only to it");
            String id = JSON.readTree(e.getRequest().getBodyAsString()).path("declarationId").asText();
            requestIds.add(e.getRequest().getUrl() + " " + id + " " + requestId);
        }
        // each request keeps its id across attempts: one id per department and declaration
        assertEquals(2 * sentAt.size(), requestIds.size(), requestIds.toString());
        assertTrue(hub.get("/api/v1/dead-letters", "operator").body().contains("\"total\":0"), "no dead letter");
    }

    /** The requests the fake answered 2xx at {@code path}, per declarationId. */
    private Map<String, List<ServeEvent>> taken(String path) throws Exception {
        Map<String, List<ServeEvent>> out = new HashMap<>();
        for (ServeEvent e : new ArrayList<>(fake.getAllServeEvents())) {
            if (e.getRequest().getUrl().startsWith(path) && e.getResponse().getStatus() / 100 == 2) {
                String id = JSON.readTree(e.getRequest().getBodyAsString()).path("declarationId").asText();
                out.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
            }
        }
        return out;
    }
}
