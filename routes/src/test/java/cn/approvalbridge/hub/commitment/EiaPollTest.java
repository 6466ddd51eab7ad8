package cn.approvalbridge.hub.commitment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.partners.eia.EiaPollWatermark;
import cn.approvalbridge.hub.sandbox.department.SandboxApproval;
import cn.approvalbridge.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 18 item 5: EIA results the EIA system only publishes (not pushed) reach the hub by its poll
 * (hub.eia.poll-sandbox=true under %test, every second), through the same intake as the push: held until the project
 * reaches its EIA item, decided once however often polled or pushed as well, the watermark moving on; the EIA system
 * down opens its breaker (GET /api/v1/partners) and the result comes once it is back.
 */
@QuarkusTest
class EiaPollTest {

    static final CommitmentSteps API = CommitmentSteps.inProcess();

    @Inject
    SandboxApproval sandbox;
    @Inject
    EiaResults eia;
    @Inject
    EiaPollWatermark watermark;
    @Inject
    Db db;

    /**
     * The store outlives a test run (routes/target/data, or the machine's PostgreSQL under -Ppostgresql) but the test
     * clock starts at the same instant every run: the last run's watermark and publications lie ahead of this run's
     * results, which the EIA system would then never answer. Each test starts from an EIA system that has published
     * nothing and a hub that has polled nothing.
     */
    @BeforeEach
    void freshEiaSystem() {
        db.inTransaction(c -> {
            Db.update(c, "DELETE FROM hub_sandbox_received WHERE simulator = 'eia'");
            Db.update(c, "DELETE FROM hub_eia_poll_watermark");
            return null;
        });
    }

    @BeforeEach
    @AfterEach
    void reset() {
        sandbox.setWalk(false);
        rule("UP");
    }

    @Test
    void aResultOnlyPublishedIsPolledHeldUntilTheItemAndDecidesItOnce() {
        String code = listed();
        String base = "/api/v1/projects/" + code;
        String id = "HP-P-" + code;
        JsonPath published = publish(Map.of("projectCode", code, "resultId", id, "approvalNumber", "临环审〔2026〕31号"));
        OffsetDateTime publishedAt = OffsetDateTime.parse(published.getString("publishedAt"));
        // polled and stored, but the materials are not accepted yet: held
        await().atMost(Duration.ofSeconds(20)).until(() -> eia.status(id).isPresent());
        assertEquals("HELD", eia.status(id).orElseThrow());
        assertNull(item(code).get("decision"));

        API.post("window", base + "/materials", Map.of("submissionId", "S-" + code)).statusCode(202);
        API.post("dept-STHJ", base + "/material-reviews", Map.of("itemCode", "STHJ-01", "decision", "ACCEPTED")).statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "APPROVED".equals(item(code).getString("decision")));
        assertEquals("临环审〔2026〕31号", item(code).getString("documentNumber"));
        assertEquals("eia", item(code).getString("decidedBy"));

        // the watermark has moved to the result: the EIA system is asked from there on
        await().atMost(Duration.ofSeconds(10)).until(() -> watermark.get().filter(w -> !w.isBefore(publishedAt)).isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> polls().stream()
                .anyMatch(s -> !OffsetDateTime.parse(s).isBefore(publishedAt)));
        // polled again (a few ticks) and pushed as well: the same result, taken once
        given().contentType(ContentType.JSON).body(Map.of("projectCode", code, "resultId", id, "approvalNumber",
                "临环审〔2026〕31号")).post("/sandbox/eia/results").then().statusCode(200)
                .body("hubStatus", org.hamcrest.Matchers.equalTo(200));
        int before = timesPolled();
        await().atMost(Duration.ofSeconds(15)).until(() -> timesPolled() >= before + 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().queryParam("xmdm", code)
                .get("/sandbox/approval/investment-platform/results").then().extract().jsonPath().getList("spsxbm")
                .contains("STHJ-01"));
        List<String> decided = given().auth().preemptive().basic("operator", "sandbox").get(base + "/trail").then()
                .statusCode(200).extract().jsonPath().getList("entries.findAll { it.kind == 'APPROVAL_RESULT' }.partner");
        assertEquals(List.of("eia"), decided);
        assertEquals("APPLIED", eia.status(id).orElseThrow());
        assertEquals(0, Fixtures.deadLettersAbout(id).size());
    }

    @Test
    void theEiaSystemDownOpensItsBreakerAndTheResultComesWhenItIsBack() {
        String code = listed();
        String id = "HP-Q-" + code;
        rule("DOWN");
        publish(Map.of("projectCode", code, "resultId", id));
        await().atMost(Duration.ofSeconds(30)).until(() -> !"CLOSED".equals(breaker()));
        assertTrue(eia.status(id).isEmpty(), "not polled while the EIA system is down");

        rule("UP");
        await().atMost(Duration.ofSeconds(30)).until(() -> eia.status(id).isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> "CLOSED".equals(breaker()));
    }

    @Test
    void aPolledResultTheHubCannotReadIsADeadLetterNotASilentLoss() {
        String code = listed();
        String id = "HP-R-" + code;
        publish(Map.of("projectCode", code, "resultId", id, "conclusion", "通过"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !Fixtures.deadLettersAbout(id).isEmpty());
        Map<String, Object> dead = Fixtures.deadLettersAbout(id).get(0);
        assertEquals("hub.dlq.eia", dead.get("deadLetterQueue"));
        assertTrue(String.valueOf(dead.get("reason")).contains("conclusion"), dead.toString());
        assertTrue(eia.status(id).isEmpty());
    }

    private static String listed() {
        String code = API.coded(API.declare(Fixtures.creditCode(), "STHJ")).code();
        API.post("dept-STHJ", "/api/v1/projects/" + code + "/item-lists", Map.of("items", List.of(Map.of("itemCode", "STHJ-01",
                "itemName", "建设项目环境影响评价审批", "timeLimitDays", 10, "stage", "工程建设许可", "prerequisites",
                List.of())))).statusCode(202);
        return code;
    }

    private static JsonPath publish(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/sandbox/eia/publications").then().statusCode(200)
                .extract().jsonPath();
    }

    private static List<String> polls() {
        return given().get("/sandbox/eia/publications/polls").then().statusCode(200).extract().jsonPath().getList("since");
    }

    private static int timesPolled() {
        List<Integer> times = given().get("/sandbox/eia/publications/polls").then().statusCode(200).extract().jsonPath()
                .getList("timesReceived");
        return times.stream().mapToInt(Integer::intValue).sum();
    }

    private static String breaker() {
        return given().auth().preemptive().basic("operator", "sandbox").get("/api/v1/partners").then().statusCode(200)
                .extract().jsonPath().getString("find { it.name == 'eia' }.state");
    }

    private static void rule(String rule) {
        given().contentType(ContentType.JSON).body(Map.of("rule", rule)).put("/sandbox/eia/publications/rule").then()
                .statusCode(200);
    }

    private static JsonPath item(String code) {
        return API.project(code).setRootPath("approval.items.find { it.itemCode == 'STHJ-01' }");
    }
}
