package cn.approvalbridge.hub.prereview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.HubProcess;

/**
 * Durability: the packaged hub is killed with kill -9 while well over 100 acknowledged declarations are in
 * flight, restarted on the same ./data, and then every acknowledged declaration is coded exactly once and its unit gets
 * exactly one CODE_ASSIGNED SMS.
 */
class KillRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void killedWithDeclarationsInFlightLosesNothingAndRepeatsNothing() throws Exception {
        Path dir = Path.of("target", "kill-restart-" + System.currentTimeMillis()).toAbsolutePath();
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // declarationId → mobile
        AtomicInteger failedSends = new AtomicInteger();
        try (HubProcess first = new HubProcess(dir)) {
            // departments answer after 5 s, so every acknowledged declaration is still in flight at the kill; their
            // pending answers are in the database and must survive it too
            first.start("hub.sandbox.departments.default-delay-seconds=5");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            for (int i = 0; i < 240; i++) {
                pool.execute(() -> {
                    String mobile = Fixtures.mobile();
                    String id = Fixtures.uniqueId("K");
                    try {
                        String body = JSON.writeValueAsString(Fixtures.declaration(id, mobile, List.of("FGW", "ZRZY")));
                        if (first.post("/api/v1/declarations", "window", body).statusCode() == 202) {
                            acknowledged.put(id, mobile);
                        }
                    } catch (Exception e) {
                        failedSends.incrementAndGet(); // the kill cut this request off: not acknowledged
                    }
                });
            }
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.size() < 150 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            // one cheap look (a fresh ./data: every SMS is ours), then kill -9 while declarations are still arriving
            int coded = 0;
            for (JsonNode m : JSON.readTree(first.get("/sandbox/sms", null).body())) {
                coded += "CODE_ASSIGNED".equals(m.path("event").asText()) ? 1 : 0;
            }
            first.kill();
            System.out.printf("KillRestartIT: %d acknowledged, %d in flight at kill -9%n", acknowledged.size(),
                    acknowledged.size() - coded);
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            assertTrue(acknowledged.size() >= 100, "acknowledged before the kill: " + acknowledged.size());
            assertTrue(failedSends.get() + acknowledged.size() <= 240);
            assertTrue(acknowledged.size() - coded >= 100,
                    "in flight at the kill: " + (acknowledged.size() - coded) + " (" + coded + " already coded)");
        }

        try (HubProcess second = new HubProcess(dir)) {
            // A notification the kill caught mid-send stays ACCEPTED until its send lease runs out (5 min by default,
            // so that a slow gateway call is not sent twice); then flushDeferred sends it. Shortened here so that the
            // wait below covers it: the test asserts it is sent once, not forgotten.
            second.start("result-notification.retry.lease=PT10S", "result-notification.flush.every=2s");
            long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            Map<String, Integer> smsPerMobile = Map.of();
            Set<String> codes = new HashSet<>();
            while (System.nanoTime() < until) {
                Map<String, Integer> current = codeAssignedSms(second, acknowledged.values());
                smsPerMobile = current;
                if (acknowledged.values().stream().allMatch(m -> smsPerMobile(m, current) >= 1)) {
                    break;
                }
                Thread.sleep(1000);
            }
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                JsonNode s = JSON.readTree(second.get("/api/v1/declarations/" + e.getKey(), "window").body());
                assertEquals("CODE_ASSIGNED", s.path("status").asText(), e.getKey());
                assertTrue(codes.add(s.path("projectCode").asText()), "code issued twice: " + s.path("projectCode"));
                assertEquals(1, smsPerMobile(e.getValue(), smsPerMobile), "CODE_ASSIGNED SMS to " + e.getKey());
            }
            // let any redelivery settle, then check again that nothing was sent twice
            Thread.sleep(4000);
            Map<String, Integer> after = codeAssignedSms(second, acknowledged.values());
            for (String mobile : acknowledged.values()) {
                assertEquals(1, smsPerMobile(mobile, after), "SMS to " + mobile);
            }
        }
    }

    private static int smsPerMobile(String mobile, Map<String, Integer> counts) {
        return counts.getOrDefault(mobile, 0);
    }

    /** CODE_ASSIGNED SMS per mobile of the acknowledged declarations, as the sandbox SMS provider recorded them. */
    private static Map<String, Integer> codeAssignedSms(HubProcess hub, Iterable<String> mobiles) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (String mobile : mobiles) {
            for (JsonNode m : JSON.readTree(hub.get("/sandbox/sms?mobile=" + mobile, null).body())) {
                if ("CODE_ASSIGNED".equals(m.path("event").asText())) {
                    counts.merge(mobile, 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
