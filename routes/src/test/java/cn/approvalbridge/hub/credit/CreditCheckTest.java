package cn.approvalbridge.hub.credit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * At intake the hub asks the credit information system about the project unit: the answer shows on the declaration
 * (creditCheck) and in its trail, once; the system being down never holds up intake.
 */
@QuarkusTest
class CreditCheckTest {

    static final String SERIOUS = "91141002MA0CRD001Q";
    static final String WARNING = "91141002MA0CRW0015";

    @AfterEach
    void up() {
        rule("UP");
    }

    @Test
    void aCleanUnitIsCheckedOnceAndTheAnswerIsInTheViewAndTheTrail() {
        String code = Fixtures.creditCode();
        String id = declare(code);
        JsonPath v = awaitChecked(id);
        assertEquals("CLEAN", v.getString("creditCheck.status"));
        assertEquals("sandbox-credit", v.getString("creditCheck.source"));
        assertEquals("INTAKE", v.getString("creditCheck.purpose"));
        assertNull(v.get("creditCheck.recordId"));
        assertNotNull(v.get("creditCheck.checkedAt"));
        assertEquals(1, received(code).size());
        assertEquals(1, (int) received(code).get(0).get("timesReceived"));
        List<String> kinds = trailKinds(id);
        assertEquals(1, kinds.stream().filter("CREDIT_CHECK"::equals).count(), kinds.toString());
        assertEquals(1, kinds.stream().filter("CREDIT_CHECK_REPLY"::equals).count(), kinds.toString());
    }

    @Test
    void aDishonestUnitIsRecordedWithItsRecordButStillServed() {
        String id = declare(SERIOUS);
        JsonPath v = awaitChecked(id);
        assertEquals("SERIOUS_DISHONESTY", v.getString("creditCheck.status"));
        assertEquals("SX-0CRD001Q", v.getString("creditCheck.recordId"));
        // intake goes on: pre-review, code assignment
        await().atMost(Duration.ofSeconds(20)).until(() -> state(id).getString("projectCode") != null);

        String warned = declare(WARNING);
        assertEquals("WARNING", awaitChecked(warned).getString("creditCheck.status"));
    }

    @Test
    void theCreditSystemDownHoldsUpNothingAndTheCheckIsTakenWhenItReturns() {
        rule("DOWN");
        String code = Fixtures.creditCode();
        String id = declare(code);
        // intake and the rest of the flow go on while the check is pending
        await().atMost(Duration.ofSeconds(20)).until(() -> state(id).getString("projectCode") != null);
        assertEquals("PENDING", state(id).getString("creditCheck.status"));
        assertEquals(0, received(code).size());

        rule("UP");
        JsonPath v = awaitChecked(id);
        assertEquals("CLEAN", v.getString("creditCheck.status"));
        assertEquals(1, received(code).size());
        assertEquals(1, (int) received(code).get(0).get("timesReceived"), "asked once after it came back");
        assertEquals(0, Fixtures.deadLettersAbout(id).size(), "nothing dead-lettered");
    }

    private static String declare(String creditCode) {
        String id = Fixtures.uniqueId("CR");
        Map<String, Object> d = new HashMap<>(Fixtures.declaration(id, Fixtures.mobile(), List.of("FGW")));
        @SuppressWarnings("unchecked")
        Map<String, Object> unit = new HashMap<>((Map<String, Object>) d.get("unit"));
        unit.put("creditCode", creditCode);
        d.put("unit", unit);
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(d)
                .post("/api/v1/declarations").then().statusCode(202);
        return id;
    }

    private static JsonPath state(String id) {
        return given().auth().preemptive().basic("window", "sandbox").get("/api/v1/declarations/" + id).then()
                .statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitChecked(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !"PENDING".equals(state(id).getString("creditCheck.status")));
        return state(id);
    }

    private static List<Map<String, Object>> received(String code) {
        return given().queryParam("creditCode", code).get("/sandbox/credit/checks").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    private static List<String> trailKinds(String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> state(id).getString("projectCode") != null);
        String code = state(id).getString("projectCode");
        return given().auth().preemptive().basic("operator", "sandbox").get("/api/v1/projects/" + code + "/trail").then()
                .statusCode(200).extract().jsonPath().getList("entries.kind");
    }

    private static void rule(String rule) {
        given().contentType(ContentType.JSON).body(Map.of("rule", rule)).put("/sandbox/credit/rule").then().statusCode(200);
    }
}
