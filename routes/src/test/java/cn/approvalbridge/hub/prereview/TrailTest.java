package cn.approvalbridge.hub.prereview;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The trail holds every message in and out in order, verifies, detects tampering, survives a purge. */
@QuarkusTest
class TrailTest {

    @Inject
    Db db;

    @Test
    void trailVerifiesDetectsTamperingAndSurvivesPurge() {
        String mobile = Fixtures.mobile();
        String id = JourneyTest.declare(Fixtures.declaration(Fixtures.uniqueId("T"), mobile, List.of("FGW")));
        await().atMost(Duration.ofSeconds(10)).until(() -> JourneyTest.sms(mobile).size() == 1);
        String code = JourneyTest.state(id).getString("projectCode");

        JsonPath t = given().auth().preemptive().basic("window", "sandbox").queryParam("verify", true)
                .get("/api/v1/projects/" + code + "/trail").then().statusCode(200).body("valid", equalTo(true))
                .extract().jsonPath();
        // steps 1-3 in order; the coded project's step 4 hand-offs run beside the SMS, so they are apart
        List<String> step4 = List.of("ITEM_LIST_REQUEST", "STAGING_SPGL_XMJBXXB", "STAGING_SPGL_XMDWXXB");
        // the unit's credit check runs beside pre-review (CreditCheckTest), so it is apart too
        List<String> credit = List.of("CREDIT_CHECK", "CREDIT_CHECK_REPLY");
        assertEquals(List.of("DECLARATION", "PRE_REVIEW_REQUEST", "PRE_REVIEW_OPINION", "PRE_REVIEW_PASSED",
                "ASSIGN_CODE", "ASSIGN_CODE_REPLY", "PROJECT_REGISTRATION", "PROJECT_REGISTRATION_REPLY",
                "NOTIFY_CODE_ASSIGNED", "NOTIFY_REPLY"), t.getList("entries.kind", String.class).stream()
                        .filter(k -> !step4.contains(k) && !credit.contains(k)).toList());
        // ...each recorded once when its partner took it: FGW its item-list request, the staging database two rows
        await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().preemptive().basic("window", "sandbox")
                .get("/api/v1/projects/" + code + "/trail").then().extract().jsonPath().getList("entries.kind", String.class)
                .stream().filter(step4::contains).sorted().toList().equals(step4.stream().sorted().toList()));
        assertEquals("dept-FGW", given().auth().preemptive().basic("window", "sandbox").get("/api/v1/projects/" + code
                + "/trail").then().extract().path("entries.find { it.kind == 'ITEM_LIST_REQUEST' }.partner"));
        assertTrue(t.getString("entries[0].payload").contains(mobile)); // the window sees what it sent
        String operatorView = given().auth().preemptive().basic("operator", "sandbox")
                .get("/api/v1/projects/" + code + "/trail").then().statusCode(200).extract().path("entries[0].payload");
        assertTrue(!operatorView.contains(mobile) && operatorView.contains(mobile.substring(0, 3) + "****"), operatorView);

        await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().preemptive().basic("window", "sandbox")
                .get("/api/v1/projects/" + code + "/trail").then().extract().jsonPath().getList("entries.kind", String.class)
                .containsAll(credit));
        // retention purge: every payload gone (steps 1-3, the credit check and the three step-4 hand-offs), chain valid
        given().auth().preemptive().basic("operator", "sandbox").post("/api/v1/projects/" + code + "/trail/purge").then()
                .statusCode(200).body("purgedPayloads", equalTo(15));
        given().auth().preemptive().basic("window", "sandbox").queryParam("verify", true)
                .get("/api/v1/projects/" + code + "/trail").then().statusCode(200).body("valid", equalTo(true))
                .body("entries[0].payload", nullValue());

        // tampering with an entry breaks the chain
        db.inTransaction(c -> Db.update(c, "UPDATE hub_trail_entry SET partner = 'dept-ZJ' WHERE declaration_id = ? AND seq = 3", id));
        given().auth().preemptive().basic("window", "sandbox").queryParam("verify", true)
                .get("/api/v1/projects/" + code + "/trail").then().statusCode(200).body("valid", equalTo(false));
    }

    @Test
    void alteredPayloadIsDetected() {
        String mobile = Fixtures.mobile();
        String id = JourneyTest.declare(Fixtures.declaration(Fixtures.uniqueId("T"), mobile, List.of("FGW")));
        await().atMost(Duration.ofSeconds(10)).until(() -> JourneyTest.sms(mobile).size() == 1);
        String code = JourneyTest.state(id).getString("projectCode");
        db.inTransaction(c -> Db.update(c, "UPDATE hub_trail_payload SET payload = REPLACE(payload, 'PASS', 'REJECT') "
                + "WHERE entry_id = (SELECT entry_id FROM hub_trail_entry WHERE declaration_id = ? "
                + "AND kind = 'PRE_REVIEW_OPINION')", id));
        given().auth().preemptive().basic("window", "sandbox").queryParam("verify", true)
                .get("/api/v1/projects/" + code + "/trail").then().statusCode(200).body("valid", equalTo(false));
    }
}
