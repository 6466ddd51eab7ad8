package cn.approvalbridge.hub.hardening;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 12 (item 7): the operators' dead-letter list is paged and filtered (partner, queue, time, resolved), a filter
 * can be replayed in bulk, a dead letter can be marked resolved, and a rejected input keeps at most 64 KiB.
 */
@QuarkusTest
class DeadLetterOperationsTest {

    static final String QUEUE = "hub.utility.provider-input";

    @Test
    void theListIsPagedFilteredReplayedByFilterAndResolved() {
        String tag = Fixtures.uniqueId("DLP");
        for (int i = 0; i < 5; i++) {
            reject("GAS", "{\"applicationId\":\"" + tag + i + "\",\"state\":\"BOILING\"}");
        }
        reject("POWER", "{\"applicationId\":\"" + tag + "P\",\"state\":\"SPARKING\"}");
        // the hub's clock is the test clock: the window starts at the first of these as the hub recorded it
        String since = latest("utility-GAS", tag).stream().map(d -> (String) d.get("failedAt")).sorted().findFirst()
                .orElseThrow();
        // contains= keeps the test to its own dead letters whatever else the database holds
        String gas = "partner=utility-GAS&from=" + since + "&contains=" + tag;
        int total = list(gas).getInt("total");
        assertEquals(5, total);
        Set<String> paged = new HashSet<>();
        for (int offset = 0; offset < total; offset += 2) {
            List<String> page = list(gas + "&limit=2&offset=" + offset).getList("items.id");
            assertTrue(page.size() <= 2);
            paged.addAll(page);
        }
        assertEquals(total, paged.size(), "the pages hold every dead letter once");
        Set<String> ids = new HashSet<>(latest("utility-GAS", tag).stream().map(d -> (String) d.get("id")).toList());
        assertEquals(5, ids.size());
        assertTrue(paged.containsAll(ids));
        assertTrue(list(gas).getList("items.partner").stream().allMatch("utility-GAS"::equals));
        List<Map<String, Object>> byQueue = list("queue=" + QUEUE + "&contains=" + tag).getList("items");
        assertTrue(byQueue.stream().allMatch(d -> QUEUE.equals(d.get("sourceQueue"))));
        assertEquals(6, byQueue.size());
        assertEquals(0, list("queue=hub.other&contains=" + tag).getInt("total"));
        assertEquals(0, list("partner=utility-GAS&contains=" + tag + "&to=" + since).getInt("total"), "to is exclusive");

        String resolved = ids.iterator().next();
        int open = list(gas + "&resolved=false").getInt("total");
        operator().post("/api/v1/dead-letters/" + resolved + "/resolve").then().statusCode(200);
        assertEquals(open - 1, list(gas + "&resolved=false").getInt("total"));
        assertEquals(List.of(resolved), list(gas + "&resolved=true").getList("items.id"));

        JsonPath replay = operator().post("/api/v1/dead-letters/replay?" + gas).then().statusCode(200).extract().jsonPath();
        assertEquals(open - 1, replay.getInt("replayed"));
        // each open one went back to its queue once (still bad, it failed again: a new dead letter of the same body)
        for (String original : ids) {
            Map<String, Object> d = operator().get("/api/v1/dead-letters/" + original).then().statusCode(200).extract()
                    .jsonPath().getMap("$");
            assertEquals(original.equals(resolved) ? 0 : 1, d.get("replayCount"), d.toString());
        }
        operator().get("/api/v1/dead-letters/nope").then().statusCode(404);
        operator().post("/api/v1/dead-letters/replay").then().statusCode(400);
        list400("limit=0", "limit");
        list400("resolved=maybe", "resolved");
        list400("from=yesterday", "from");
    }

    @Test
    void aRejectedInputKeepsAtMost64KiBWithTheSizeAndDigestOfTheWhole() throws Exception {
        String tag = Fixtures.uniqueId("BIG");
        String big = "{\"applicationId\":\"" + tag + "\",\"state\":\"" + "X".repeat(300_000);
        reject("TELECOM", big);
        Map<String, Object> d = latest("utility-TELECOM", tag).stream().findFirst().orElseThrow();
        JsonNode env = new ObjectMapper().readTree((String) d.get("body"));
        assertTrue(env.path("raw").asText().getBytes(StandardCharsets.UTF_8).length <= 64 * 1024);
        assertTrue(env.path("truncated").asBoolean());
        assertEquals(big.getBytes(StandardCharsets.UTF_8).length, env.path("rawBytes").asInt());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big.getBytes(StandardCharsets.UTF_8))),
                env.path("rawSha256").asText());
    }

    /** The partner's dead letters whose body holds {@code tag}. */
    private static List<Map<String, Object>> latest(String partner, String tag) {
        return list("partner=" + partner + "&contains=" + tag + "&limit=500").getList("items");
    }

    private static void reject(String utility, String body) {
        given().auth().preemptive().basic("utility-" + utility, "sandbox").contentType(ContentType.JSON).body(body)
                .post("/api/v1/utility-providers/" + utility + "/status").then().statusCode(400);
    }

    private static io.restassured.specification.RequestSpecification operator() {
        return given().auth().preemptive().basic("operator", "sandbox");
    }

    private static JsonPath list(String query) {
        return operator().urlEncodingEnabled(true).get("/api/v1/dead-letters?" + query).then().statusCode(200).extract()
                .jsonPath();
    }

    private static void list400(String query, String field) {
        operator().get("/api/v1/dead-letters?" + query).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem(field));
    }
}
