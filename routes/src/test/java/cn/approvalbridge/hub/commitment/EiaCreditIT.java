package cn.approvalbridge.hub.commitment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.HubProcess;

/**
 * Issue 18 on the packaged hub (embedded defaults, one start): an EIA result that arrives before the project reaches
 * its EIA item (pushed, held, applied when the materials are accepted) and one after (only published, taken by the
 * poll, hub.eia.poll-sandbox=true); and the credit system down at intake: the declaration accepted, its creditCheck
 * PENDING, then CLEAN once the system is back, every check in the trail.
 */
class EiaCreditIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void eiaResultsBeforeAndAfterTheItemAndTheCreditSystemDownAtIntake() throws Exception {
        Path dir = Path.of("target", "eia-credit-" + System.currentTimeMillis()).toAbsolutePath();
        try (HubProcess hub = new HubProcess(dir)) {
            hub.start("hub.eia.poll-sandbox=true", "hub.eia.poll-interval=1s", "hub.eia.poll-delay=1s",
                    "hub.eia.retry-interval=1s", "hub.partners.credit.retry.first-delay=1s",
                    "hub.partners.credit.retry.max-delay=3s", "hub.partners.credit.breaker.open-max-delay=3s",
                    "hub.partners.credit.breaker.cool-down=2s");
            assertEquals(200, put(hub, "/sandbox/credit/rule", "{\"rule\":\"DOWN\"}"));

            String before = Fixtures.uniqueId("EIB");
            String after = Fixtures.uniqueId("EIA");
            assertEquals(202, hub.post("/api/v1/declarations", "window", JSON.writeValueAsString(
                    Fixtures.declaration(before, Fixtures.mobile(), List.of("STHJ")))).statusCode());
            assertEquals(202, hub.post("/api/v1/declarations", "window", JSON.writeValueAsString(
                    Fixtures.declaration(after, Fixtures.mobile(), List.of("STHJ")))).statusCode());
            String codeBefore = coded(hub, before);
            String codeAfter = coded(hub, after);
            // the credit system is down: intake went on, the check waits
            assertEquals("PENDING", view(hub, before).path("creditCheck").path("status").asText());

            // before: the result arrives while the project has not even listed the item: held
            JsonNode pushed = JSON.readTree(post(hub, "/sandbox/eia/results", "{\"projectCode\":\"" + codeBefore
                    + "\",\"resultId\":\"HP-B-" + codeBefore + "\",\"approvalNumber\":\"临环审〔2026〕41号\"}"));
            assertEquals(202, pushed.path("hubStatus").asInt(), pushed.toString());
            assertTrue(pushed.path("hubAnswer").asText().contains("HELD"), pushed.toString());
            reachItem(hub, codeBefore);
            awaitTrue(() -> "APPROVED".equals(item(hub, codeBefore).path("decision").asText(null)), Duration.ofSeconds(40));
            assertEquals("临环审〔2026〕41号", item(hub, codeBefore).path("documentNumber").asText());

            // after: the project is at the item; the result is only published, and polled
            reachItem(hub, codeAfter);
            post(hub, "/sandbox/eia/publications", "{\"projectCode\":\"" + codeAfter + "\",\"resultId\":\"HP-A-" + codeAfter
                    + "\",\"approvalNumber\":\"临环审〔2026〕42号\"}");
            awaitTrue(() -> "APPROVED".equals(item(hub, codeAfter).path("decision").asText(null)), Duration.ofSeconds(40));
            assertEquals("eia", item(hub, codeAfter).path("decidedBy").asText());
            for (String code : List.of(codeBefore, codeAfter)) {
                assertEquals(1, count(trail(hub, code), "APPROVAL_RESULT"), code);
            }

            // the credit system back: the checks are retried and answered CLEAN, each in the trail once
            assertEquals("PENDING", view(hub, after).path("creditCheck").path("status").asText());
            assertEquals(200, put(hub, "/sandbox/credit/rule", "{\"rule\":\"UP\"}"));
            for (String id : List.of(before, after)) {
                awaitTrue(() -> "CLEAN".equals(view(hub, id).path("creditCheck").path("status").asText()),
                        Duration.ofSeconds(40));
            }
            JsonNode t = trail(hub, codeBefore);
            assertEquals(1, count(t, "CREDIT_CHECK"), t.toString());
            assertEquals(1, count(t, "CREDIT_CHECK_REPLY"), t.toString());
            assertTrue(t.path("valid").asBoolean(), t.toString());
        }
    }

    /** STHJ lists STHJ-01, the window hands in the materials, STHJ accepts them: the project is at its EIA item. */
    private static void reachItem(HubProcess hub, String code) throws Exception {
        String base = "/api/v1/projects/" + code;
        Map<String, Object> item = Map.of("itemCode", "STHJ-01", "itemName", "建设项目环境影响评价审批", "timeLimitDays", 10,
                "stage", "工程建设许可", "prerequisites", List.of());
        assertEquals(202, hub.post(base + "/item-lists", "dept-STHJ", JSON.writeValueAsString(Map.of("items",
                List.of(item)))).statusCode());
        assertEquals(202, hub.post(base + "/materials", "window", "{\"submissionId\":\"S-" + code + "\"}").statusCode());
        Map<String, Object> review = new HashMap<>(Map.of("itemCode", "STHJ-01", "decision", "ACCEPTED"));
        assertEquals(202, hub.post(base + "/material-reviews", "dept-STHJ", JSON.writeValueAsString(review)).statusCode());
    }

    private static String coded(HubProcess hub, String id) throws Exception {
        awaitTrue(() -> view(hub, id).hasNonNull("projectCode"), Duration.ofSeconds(60));
        String code = view(hub, id).path("projectCode").asText();
        awaitTrue(() -> project(hub, code).path("approval").path("itemLists").size() == 1, Duration.ofSeconds(30));
        return code;
    }

    private static JsonNode view(HubProcess hub, String id) throws Exception {
        return JSON.readTree(hub.get("/api/v1/declarations/" + id, "window").body());
    }

    private static JsonNode project(HubProcess hub, String code) throws Exception {
        return JSON.readTree(hub.get("/api/v1/projects/" + code, "window").body());
    }

    private static JsonNode item(HubProcess hub, String code) throws Exception {
        for (JsonNode i : project(hub, code).path("approval").path("items")) {
            if ("STHJ-01".equals(i.path("itemCode").asText())) {
                return i;
            }
        }
        return JSON.createObjectNode();
    }

    private static JsonNode trail(HubProcess hub, String code) throws Exception {
        return JSON.readTree(hub.get("/api/v1/projects/" + code + "/trail?verify=true", "operator").body());
    }

    private static long count(JsonNode trail, String kind) {
        long n = 0;
        for (JsonNode e : trail.path("entries")) {
            n += kind.equals(e.path("kind").asText()) ? 1 : 0;
        }
        return n;
    }

    /** The sandbox's own endpoints take no identity. */
    private static String post(HubProcess hub, String path, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(hub.base() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static int put(HubProcess hub, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(hub.base() + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(Check check, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within);
            }
            Thread.sleep(500);
        }
    }
}
