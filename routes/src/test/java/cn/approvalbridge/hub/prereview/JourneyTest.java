package cn.approvalbridge.hub.prereview;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.sandbox.department.SandboxDepartments;
import cn.approvalbridge.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A declaration travels pre-review → code → investment platform → SMS in the sandbox; and the reject path. */
@QuarkusTest
class JourneyTest {

    @Inject
    SandboxDepartments sandboxDepartments;

    @Inject
    Db db;

    @AfterEach
    void resetRules() {
        sandboxDepartments.resetBehaviours();
    }

    static String declare(Map<String, Object> body) {
        return given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(body)
                .post("/api/v1/declarations").then().statusCode(202)
                .body("status", equalTo("PRE_REVIEW")).body("preReviewDueBy", equalTo("2026-03-09"))
                .extract().path("declarationId");
    }

    static JsonPath state(String id) {
        return given().auth().preemptive().basic("window", "sandbox").get("/api/v1/declarations/" + id).then()
                .statusCode(200).extract().jsonPath();
    }

    static List<Map<String, Object>> sms(String mobile) {
        return given().queryParam("mobile", mobile).get("/sandbox/sms").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    @Test
    void declaredProjectIsCodedRegisteredAndNotified() {
        String mobile = Fixtures.mobile();
        String id = declare(Fixtures.declaration(Fixtures.uniqueId("J"), "+86 " + mobile, List.of("FGW", "ZRZY", "ZJ")));

        await().atMost(Duration.ofSeconds(10)).until(() -> state(id).getString("projectCode") != null
                && sms(mobile).size() == 1);
        JsonPath s = state(id);
        String code = s.getString("projectCode");
        assertTrue(code.matches("^2603-141002-89-01-\\d{6}$"), code);
        assertEquals("CODE_ASSIGNED", s.getString("status"));
        assertEquals(List.of("PASS", "PASS", "PASS"), s.getList("departments.decision"));
        // the window sees unmasked what it declared
        assertEquals(mobile, s.getString("declaration.unit.contactMobile"));

        Map<String, Object> sent = sms(mobile).get(0);
        assertEquals("CODE_ASSIGNED", sent.get("event"));
        assertTrue(((String) sent.get("text")).contains(code), (String) sent.get("text"));

        JsonPath platform = given().queryParam("xmdm", code).get("/sandbox/investment-platform/projects").then()
                .statusCode(200).body("$", hasSize(1)).extract().jsonPath();
        assertEquals("备案类项目", platform.getString("[0].project.xmlx"));
        assertEquals("新建", platform.getString("[0].project.jsxz"));
        assertEquals(mobile, platform.getString("[0].project.XMDWInfo[0].contactPhone"));
        assertEquals(12000.5, platform.getDouble("[0].project.ztz"));

        given().auth().preemptive().basic("window", "sandbox").get("/api/v1/projects/" + code).then().statusCode(200)
                .body("declarationId", equalTo(id)).body("projectCode", equalTo(code));
        given().auth().preemptive().basic("window", "sandbox").get("/api/v1/projects/2603-141002-89-01-000000").then()
                .statusCode(404);
        given().auth().preemptive().basic("window", "sandbox").get("/api/v1/declarations/NOPE-" + id).then()
                .statusCode(404);
    }

    @Test
    void sandboxCountsTheMessagesOfAnEventSinceATime() {
        String mobile = Fixtures.mobile();
        declare(Fixtures.declaration(Fixtures.uniqueId("J"), mobile, List.of("FGW")));
        await().atMost(Duration.ofSeconds(10)).until(() -> sms(mobile).size() == 1);
        String sentAt = (String) sms(mobile).get(0).get("sentAt");

        JsonPath sent = given().queryParam("event", "CODE_ASSIGNED").queryParam("since", sentAt).get("/sandbox/sms/sent")
                .then().statusCode(200).body("event", equalTo("CODE_ASSIGNED")).extract().jsonPath();
        assertTrue(sent.getInt("count") >= 1, sent.prettify());
        assertTrue(!OffsetDateTime.parse(sent.getString("lastSentAt")).isBefore(OffsetDateTime.parse(sentAt)),
                sent.prettify());
        given().queryParam("event", "CODE_ASSIGNED").queryParam("since", "2099-01-01T00:00:00+08:00")
                .get("/sandbox/sms/sent").then().statusCode(200).body("count", equalTo(0))
                .body("lastSentAt", equalTo(null));
        given().queryParam("event", "CODE_ASSIGNED").queryParam("since", "yesterday").get("/sandbox/sms/sent").then()
                .statusCode(400).body(containsString("since"));
        given().queryParam("since", sentAt).get("/sandbox/sms/sent").then().statusCode(400).body(containsString("event"));
    }

    @Test
    void sameBodyAgainAnswersCurrentStateAndDifferentBodyConflicts() {
        String mobile = Fixtures.mobile();
        Map<String, Object> body = Fixtures.declaration(Fixtures.uniqueId("R"), mobile, List.of("FGW"));
        String id = declare(body);
        await().atMost(Duration.ofSeconds(10)).until(() -> sms(mobile).size() == 1);

        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(body)
                .post("/api/v1/declarations").then().statusCode(200).body("declarationId", equalTo(id))
                .body("projectCode", notNullValue());
        Map<String, Object> changed = new HashMap<>(body);
        changed.put("site", "另一个地点");
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(changed)
                .post("/api/v1/declarations").then().statusCode(409)
                .body("errors[0].field", equalTo("declarationId")).body("errors[0].code", equalTo("conflict"));

        // a department answering again: same → 200, different → 409; nothing is sent twice
        given().auth().preemptive().basic("dept-FGW", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("departmentCode", "FGW", "decision", "PASS", "opinion", "同意"))
                .post("/api/v1/declarations/" + id + "/pre-review-opinions").then().statusCode(200);
        given().auth().preemptive().basic("dept-FGW", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("departmentCode", "FGW", "decision", "REJECT", "opinion", "改主意"))
                .post("/api/v1/declarations/" + id + "/pre-review-opinions").then().statusCode(409);
        assertEquals(1, sms(mobile).size());
        int codes = db.read(c -> Db.one(c, "SELECT COUNT(*) FROM ca_assignment WHERE declaration_id = ?",
                rs -> rs.getInt(1), id).orElse(0));
        assertEquals(1, codes);
    }

    @Test
    void rejectionTellsTheUnitTheDepartmentsReasons() {
        sandboxDepartments.setBehaviour("ZRZY", new SandboxDepartments.Behaviour(SandboxDepartments.Rule.REJECT, 0));
        String mobile = Fixtures.mobile();
        String id = declare(Fixtures.declaration(Fixtures.uniqueId("X"), mobile, List.of("FGW", "ZRZY")));

        await().atMost(Duration.ofSeconds(10)).until(() -> sms(mobile).size() == 1);
        Map<String, Object> sent = sms(mobile).get(0);
        assertEquals("PRE_REVIEW_REJECTED", sent.get("event"));
        assertTrue(((String) sent.get("text")).contains("项目选址不符合规划"), (String) sent.get("text"));
        assertTrue(((String) sent.get("text")).contains("自然资源和规划局"), (String) sent.get("text"));
        JsonPath s = state(id);
        assertEquals("PRE_REVIEW_REJECTED", s.getString("status"));
        assertEquals(null, s.getString("projectCode"));
    }
}
