package cn.approvalbridge.hub.platform.partners;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.sandbox.department.SandboxDepartments;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A department that is down (issue 14): its messages wait on the broker, its circuit breaker opens after 5 failures
 * and is shown to operators (/api/v1/partners, /q/health with readiness UP, metrics), and once it answers again the
 * probe closes the breaker and every waiting message is delivered once, none dead-lettered.
 */
@QuarkusTest
class PartnerOutageTest {

    @Inject
    SandboxDepartments departments;

    @AfterEach
    void reset() {
        departments.resetBehaviours();
    }

    @Test
    void aDepartmentDownOpensItsBreakerAndEverythingWaitingIsDeliveredOnceWhenItIsBack() {
        // the alert numbers' earlier messages (another run of this test on the same ./target data) are not this outage's
        long downBefore = events(DUTY, "PARTNER_DOWN");
        long opDownBefore = events(OPERATOR, "PARTNER_DOWN");
        long upBefore = events(DUTY, "PARTNER_RECOVERED");
        long opUpBefore = events(OPERATOR, "PARTNER_RECOVERED");
        int deadBefore = deadLetters("department-STHJ");
        departments.setBehaviour("STHJ", new SandboxDepartments.Behaviour(SandboxDepartments.Rule.DOWN, 0));
        List<String> mobiles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String mobile = Fixtures.mobile();
            mobiles.add(mobile);
            declare(Fixtures.declaration(Fixtures.uniqueId("PO"), mobile, List.of("STHJ")));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "OPEN".equals(partner("department-STHJ").get("state")));
        Map<String, Object> sthj = partner("department-STHJ");
        assertTrue(((String) sthj.get("lastError")).contains("503"), String.valueOf(sthj.get("lastError")));
        assertTrue((Integer) sthj.get("waiting") >= 1, sthj.toString());
        assertTrue(sthj.get("oldestWaitingSince") != null && sthj.get("downSince") != null, sthj.toString());
        assertEquals("CLOSED", partner("department-FGW").get("state"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'partners' }.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == 'partners' }.data.department-STHJ", containsString("OPEN"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("hub_partner_breaker_state{partner=\"department-STHJ\"} 2.0"));
        // operators are told once: STHJ's duty mobile and the hub operator's
        await().atMost(Duration.ofSeconds(15)).until(() -> events(DUTY, "PARTNER_DOWN") == downBefore + 1
                && events(OPERATOR, "PARTNER_DOWN") == opDownBefore + 1);
        assertTrue(sms(DUTY).stream().anyMatch(m -> String.valueOf(m.get("text")).contains("department-STHJ")));
        // while open the department is hardly called: a probe after each 2 s cool-down (with its two quick retries, on
        // each of the two consumers) at most, where six waiting messages retried every second or so would be refused
        // at least 18 times in these 3 s
        int refused = departments.refusedCount("STHJ");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> departments.refusedCount("STHJ") <= refused + 12);

        departments.resetBehaviours();
        await().atMost(Duration.ofSeconds(30)).until(() -> mobiles.stream().allMatch(m -> sms(m).size() == 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> "CLOSED".equals(partner("department-STHJ").get("state")));
        assertEquals(0, partner("department-STHJ").get("waiting"));
        await().atMost(Duration.ofSeconds(10)).until(() -> events(DUTY, "PARTNER_RECOVERED") == upBefore + 1
                && events(OPERATOR, "PARTNER_RECOVERED") == opUpBefore + 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> mobiles.stream().allMatch(m -> sms(m).size() == 1));
        assertEquals(downBefore + 1, events(DUTY, "PARTNER_DOWN"));
        assertEquals(upBefore + 1, events(DUTY, "PARTNER_RECOVERED"));
        assertEquals(deadBefore, deadLetters("department-STHJ"), "nothing of the outage was dead-lettered");
    }

    private static int deadLetters(String partner) {
        return given().auth().preemptive().basic("operator", "sandbox").queryParam("partner", partner)
                .get("/api/v1/dead-letters").then().statusCode(200).extract().jsonPath().getInt("total");
    }

    @Test
    void onlyOperatorsSeeThePartners() {
        given().get("/api/v1/partners").then().statusCode(401);
        given().auth().preemptive().basic("window", "sandbox").get("/api/v1/partners").then().statusCode(403);
        given().auth().preemptive().basic("operator", "sandbox").get("/api/v1/partners").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.hasItems("department-FGW", "department-ZRZY"));
    }

    private static final String DUTY = "13900000099";
    private static final String OPERATOR = "13900000098";

    static long events(String mobile, String event) {
        return sms(mobile).stream().filter(m -> event.equals(m.get("event"))).count();
    }

    static Map<String, Object> partner(String name) {
        JsonPath all = given().auth().preemptive().basic("operator", "sandbox").get("/api/v1/partners").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Object> p = all.getMap("find { it.name == '" + name + "' }");
        return p == null ? Map.of() : p;
    }

    static void declare(Map<String, Object> body) {
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(body)
                .post("/api/v1/declarations").then().statusCode(202);
    }

    static List<Map<String, Object>> sms(String mobile) {
        return given().queryParam("mobile", mobile).get("/sandbox/sms").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }
}
