package cn.approvalbridge.hub.keyprojects;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.TestClock;
import cn.approvalbridge.hub.platform.store.Trail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A key project's month end: two district key projects coded in March 2026, one with the unit's March progress, one
 * without. Their March rows of 一项目一表 reach the key-project platform on 5 April at office close, once each; the one
 * without progress is marked missing and the window is told.
 */
@QuarkusTest
class KeyProjectMonthTest {

    private static final String WINDOW_DESK = "13800000005";

    @Inject
    TestClock clock;
    @Inject
    KeyProjectMonth month;
    @Inject
    Trail trail;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void theMonthsRowReachesThePlatformByTheFifthWithMissingProgressMarkedAndTheWindowTold() {
        String[] a = coded(true);
        String[] b = coded(true);
        String[] plain = coded(false);

        progress(a[1], Map.of("month", "2026-3", "physicalProgress", "", "investmentCompleted", -1)).then()
                .statusCode(400).body("errors.field", hasItems("month", "physicalProgress", "investmentCompleted"));
        progress(a[1], body("2026-02")).then().statusCode(400).body("errors[0].field", equalTo("month"))
                .body("errors[0].code", equalTo("out_of_range"));
        progress(a[1], body("2026-04")).then().statusCode(400).body("errors[0].code", equalTo("out_of_range"));
        progress(plain[1], body("2026-03")).then().statusCode(409).body("errors[0].code", equalTo("not_a_key_project"));
        progress(a[1], body("2026-03")).then().statusCode(202).body("status", equalTo("CREATED"));
        progress(a[1], body("2026-03")).then().statusCode(200).body("status", equalTo("SAME"));

        // 5 April 17:00, before office close: nothing yet
        clock.advance(Duration.ofDays(32).plusHours(7));
        month.check();
        assertTrue(row(a[1]).isEmpty() && row(b[1]).isEmpty());
        assertTrue(trail.entries(a[0]).stream().noneMatch(e -> e.kind().equals("KEY_PROJECT_ROW_FIXED")));

        clock.advance(Duration.ofHours(1)); // 18:00: the March rows are due
        assertTrue(month.check() >= 2);
        assertEquals(0, month.check());
        await().atMost(Duration.ofSeconds(30)).until(() -> row(a[1]).isPresent() && row(b[1]).isPresent());
        Map<String, Object> withProgress = row(a[1]).get();
        assertEquals(1, withProgress.get("timesReceived"));
        assertEquals("2026-03", withProgress.get("month"));
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) withProgress.get("row");
        assertEquals(false, r.get("sfqb"));
        assertEquals("主体结构封顶，完成投资计划的40%", r.get("xxjd"));
        assertEquals(1234.5, ((Number) r.get("wctz")).doubleValue());
        assertEquals("CODE_ASSIGNED", r.get("xmzt"));
        @SuppressWarnings("unchecked")
        Map<String, Object> missing = (Map<String, Object>) row(b[1]).get().get("row");
        assertEquals(true, missing.get("sfqb"));
        assertFalse(missing.containsKey("xxjd"));
        assertTrue(row(plain[1]).isEmpty());

        // the window is told of the missing one only; the month is closed for corrections
        await().atMost(Duration.ofSeconds(20)).until(() -> sms().stream().anyMatch(m ->
                "KEY_PROJECT_PROGRESS_MISSING".equals(m.get("event")) && String.valueOf(m.get("text")).contains(b[1])));
        assertTrue(sms().stream().noneMatch(m -> String.valueOf(m.get("text")).contains(a[1])));
        assertEquals(1, trail.entries(b[0]).stream().filter(e -> e.kind().equals("KEY_PROJECT_PROGRESS_MISSING")).count());
        assertEquals(0, trail.entries(a[0]).stream().filter(e -> e.kind().equals("KEY_PROJECT_PROGRESS_MISSING")).count());
        await().atMost(Duration.ofSeconds(10)).until(() -> trail.entries(a[0]).stream()
                .filter(e -> e.kind().equals("KEY_PROJECT_ROW_SENT")).count() == 1);
        progress(a[1], Map.of("month", "2026-03", "physicalProgress", "更正", "investmentCompleted", 1)).then()
                .statusCode(409).body("errors[0].code", equalTo("already_reported"));
        given().auth().preemptive().basic("window", "sandbox").get("/api/v1/projects/" + b[1]).then().statusCode(200)
                .body("keyProjectRows[0].month", equalTo("2026-03"))
                .body("keyProjectRows[0].progressMissing", equalTo(true));
    }

    private static Map<String, Object> body(String month) {
        return Map.of("month", month, "physicalProgress", "主体结构封顶，完成投资计划的40%", "investmentCompleted", 1234.5,
                "problems", "用地指标待落实");
    }

    /** A declared project with its code: [declarationId, projectCode]. */
    private static String[] coded(boolean key) {
        Map<String, Object> d = new HashMap<>(Fixtures.declaration(Fixtures.uniqueId("KP"), Fixtures.mobile(),
                List.of("FGW")));
        if (key) {
            d.put("keyProject", "DISTRICT");
        }
        String id = given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(d)
                .post("/api/v1/declarations").then().statusCode(202).extract().path("declarationId");
        String[] code = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> (code[0] = given().auth().preemptive()
                .basic("window", "sandbox").get("/api/v1/declarations/" + id).then().extract().path("projectCode")) != null);
        return new String[] { id, code[0] };
    }

    private static Response progress(String code, Map<String, Object> body) {
        return given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(body)
                .post("/api/v1/projects/" + code + "/progress");
    }

    private static Optional<Map<String, Object>> row(String code) {
        List<Map<String, Object>> rows = given().queryParam("month", "2026-03").get("/sandbox/key-projects/reports")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return rows.stream().filter(r -> code.equals(r.get("projectCode"))).findFirst();
    }

    private static List<Map<String, Object>> sms() {
        return given().queryParam("mobile", WINDOW_DESK).get("/sandbox/sms").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }
}
