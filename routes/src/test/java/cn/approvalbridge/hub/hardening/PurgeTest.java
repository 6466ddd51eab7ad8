package cn.approvalbridge.hub.hardening;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

/**
 * After a purge no table of the hub holds the unit's number, credit code or contact name for that
 * declaration, coded or not, and its trail still verifies.
 */
@QuarkusTest
class PurgeTest {

    /** Every table that holds personal data, with the text columns to search. */
    static final Map<String, String> TABLES = Map.of(
            "hub_declaration", "body || ' ' || unit_mobile",
            "hub_utility_application", "body || ' ' || unit_mobile",
            "hub_inbound_message", "body",
            "hub_outbox", "body",
            "hub_dead_letter", "body || ' ' || COALESCE(reason, '')",
            "rn_notification", "mobile || ' ' || message_text || ' ' || template_values",
            "rn_sandbox_sms", "mobile || ' ' || message_text || ' ' || COALESCE(template_values, '')",
            "hub_trail_payload", "COALESCE(payload, '')");

    @Inject
    Db db;

    @Inject
    SandboxDepartments departments;

    @AfterEach
    void reset() {
        departments.resetBehaviours();
    }

    @Test
    void aCodedProjectsPersonalDataIsGoneFromEveryTableAndItsTrailVerifies() {
        String mobile = Fixtures.mobile();
        String creditCode = Fixtures.creditCode();
        String name = "赵" + Fixtures.uniqueId("n").substring(2, 8);
        String id = Hardening.declare(declaration(mobile, creditCode, name, List.of("FGW")));
        String code = Hardening.codeOf(id);
        String appId = Fixtures.uniqueId("PA");
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("applicationId", appId, "utilities", List.of("TELECOM"), "site", "屯里镇",
                        "contact", Map.of("name", name, "mobile", mobile), "telecom", Map.of("lines", 2),
                        "surveyWindows", List.of(Map.of("from", "2026-03-09", "to", "2026-03-13"))))
                .post("/api/v1/projects/" + code + "/utility-applications").then().statusCode(202);
        // a provider quoting the number back in another form: kept as a dead letter
        String spaced = mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " " + mobile.substring(7);
        given().auth().preemptive().basic("utility-TELECOM", "sandbox").contentType(ContentType.JSON)
                .body("{\"applicationId\":\"" + appId + "\",\"state\":\"" + spaced + "\"}")
                .post("/api/v1/utility-providers/TELECOM/status").then().statusCode(400);
        await().atMost(Duration.ofSeconds(15)).until(() -> sms(mobile) >= 1);
        assertTrue(holders(mobile, creditCode, name, id, code, appId).size() >= 5, "the data is there before");

        // the staging database (the province's) keeps its copy, and the operator is told so
        given().auth().preemptive().basic("operator", "sandbox").post("/api/v1/projects/" + code + "/trail/purge").then()
                .statusCode(200).body("stagingDatabase.purged", org.hamcrest.Matchers.equalTo(false))
                .body("stagingDatabase.rows", org.hamcrest.Matchers.containsString("SPGL_XMDWXXB"))
                .body("stagingDatabase.why", org.hamcrest.Matchers.containsString("owns"));

        assertEquals(List.of(), holders(mobile, creditCode, name, id, code, appId));
        given().auth().preemptive().basic("operator", "sandbox").get("/api/v1/projects/" + code + "/trail?verify=true")
                .then().statusCode(200).body("valid", org.hamcrest.Matchers.equalTo(true));
        given().auth().preemptive().basic("window", "sandbox").get("/api/v1/projects/" + code).then().statusCode(200);
    }

    @Test
    void aDeclarationThatNeverGotACodeIsPurgedByItsId() {
        departments.setBehaviour("FGW", new SandboxDepartments.Behaviour(SandboxDepartments.Rule.REJECT, 0));
        String mobile = Fixtures.mobile();
        String creditCode = Fixtures.creditCode();
        String name = "钱" + Fixtures.uniqueId("n").substring(2, 8);
        String id = Hardening.declare(declaration(mobile, creditCode, name, List.of("FGW")));
        await().atMost(Duration.ofSeconds(15)).until(() -> sms(mobile) >= 1);
        assertFalse(holders(mobile, creditCode, name, id, null, null).isEmpty());

        given().auth().preemptive().basic("window", "sandbox").post("/api/v1/declarations/" + id + "/purge").then()
                .statusCode(403);
        given().auth().preemptive().basic("operator", "sandbox").post("/api/v1/declarations/NOPE-1/purge").then()
                .statusCode(404);
        given().auth().preemptive().basic("operator", "sandbox").post("/api/v1/declarations/" + id + "/purge").then()
                .statusCode(200).body("stagingDatabase.purged", org.hamcrest.Matchers.equalTo(false))
                .body("stagingDatabase.rows", org.hamcrest.Matchers.startsWith("none"));

        assertEquals(List.of(), holders(mobile, creditCode, name, id, null, null));
        assertEquals(0, sms(mobile), "the sandbox SMS outbox no longer knows the number");
    }

    private static Map<String, Object> declaration(String mobile, String creditCode, String name, List<String> depts) {
        Map<String, Object> d = new LinkedHashMap<>(Fixtures.declaration(Fixtures.uniqueId("PG"), mobile, depts));
        d.put("unit", Map.of("name", "临汾市某物流有限公司", "creditCode", creditCode, "contactName", name,
                "contactMobile", "+86 " + mobile));
        return d;
    }

    /** "table: row" for every row of any table holding the number, the credit code or the contact's name. */
    private List<String> holders(String mobile, String creditCode, String name, String id, String code, String appId) {
        List<String> found = new ArrayList<>();
        TABLES.forEach((table, text) -> found.addAll(db.read(c -> Db.list(c, "SELECT " + text + " FROM " + table
                + " WHERE " + text + " LIKE ? OR " + text + " LIKE ? OR " + text + " LIKE ? OR " + text + " LIKE ?",
                rs -> table + ": " + rs.getString(1), "%" + mobile + "%", "%" + creditCode + "%", "%" + name + "%",
                "%" + spacedOf(mobile) + "%"))));
        return found;
    }

    private static String spacedOf(String mobile) {
        return mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " " + mobile.substring(7);
    }

    private static int sms(String mobile) {
        return given().queryParam("mobile", mobile).get("/sandbox/sms").then().statusCode(200).extract().jsonPath()
                .getList("$").size();
    }
}
