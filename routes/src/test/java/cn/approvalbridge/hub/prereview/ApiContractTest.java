package cn.approvalbridge.hub.prereview;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Bad input names every bad field (nested by path) and stores nothing; 401 without credentials; 403. */
@QuarkusTest
class ApiContractTest {

    @Inject
    Db db;

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("declarationId", "has space", "declarationId", "format"),
                Arguments.of("projectName", "", "projectName", "required"),
                Arguments.of("approvalClass", "MAYBE", "approvalClass", "not_allowed"),
                Arguments.of("regionCode", "14100", "regionCode", "format"),
                Arguments.of("departmentCode", "8", "departmentCode", "format"),
                Arguments.of("projectTypeCode", 1, "projectTypeCode", "not_a_string"),
                Arguments.of("constructionNature", "DEMOLITION", "constructionNature", "not_allowed"),
                Arguments.of("site", null, "site", "required"),
                Arguments.of("totalInvestment", 0, "totalInvestment", "must_be_positive"),
                Arguments.of("totalInvestment", "12000", "totalInvestment", "not_a_number"),
                Arguments.of("plannedStart", "2026-13", "plannedStart", "format"),
                Arguments.of("plannedFinish", "2025-01", "plannedFinish", "before_start"),
                Arguments.of("scale", null, "scale", "required"),
                Arguments.of("unit", "acme", "unit", "not_an_object"),
                Arguments.of("unit.creditCode", "91350100M000100Y44", "unit.creditCode", "check_character"),
                Arguments.of("unit.creditCode", "9135", "unit.creditCode", "invalid_credit_code"),
                Arguments.of("unit.contactMobile", "12800138000", "unit.contactMobile", "invalid_mobile"),
                Arguments.of("unit.name", null, "unit.name", "required"),
                Arguments.of("unit.contactName", null, "unit.contactName", "required"),
                Arguments.of("preReviewDepartments", List.of(), "preReviewDepartments", "empty"),
                Arguments.of("preReviewDepartments", List.of("FGW", "WATER"), "preReviewDepartments[1]", "unknown_department"),
                Arguments.of("preReviewDepartments", List.of("FGW", "FGW"), "preReviewDepartments[1]", "duplicate"));
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0}={1} → {2} {3}")
    @MethodSource("badFields")
    void badFieldIsNamedAndNothingStored(String path, Object value, String field, String code) {
        String id = Fixtures.uniqueId("V");
        Map<String, Object> body = new HashMap<>(Fixtures.declaration(id, Fixtures.mobile(), List.of("FGW")));
        if (path.startsWith("unit.")) {
            Map<String, Object> unit = new HashMap<>((Map<String, Object>) body.get("unit"));
            unit.put(path.substring(5), value);
            body.put("unit", unit);
        } else {
            body.put(path, value);
        }
        if (path.equals("declarationId")) {
            id = (String) value;
        }
        JsonPath errors = given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(body)
                .post("/api/v1/declarations").then().statusCode(400).extract().jsonPath();
        assertEquals(List.of(field), errors.getList("errors.field"), errors.prettify());
        assertEquals(List.of(code), errors.getList("errors.code"));
        assertTrue(!errors.getString("errors[0].message").isBlank());
        assertNothingStored(id);
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        String id = Fixtures.uniqueId("V");
        Map<String, Object> body = new HashMap<>(Fixtures.declaration(id, "123", List.of("XX")));
        body.put("totalInvestment", -1);
        body.remove("projectName");
        body.put("unit", Map.of("name", "某公司", "creditCode", "91350100M000100Y44", "contactName", "王五",
                "contactMobile", "123"));
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(body)
                .post("/api/v1/declarations").then().statusCode(400)
                .body("errors.field", equalTo(List.of("projectName", "totalInvestment", "unit.creditCode",
                        "unit.contactMobile", "preReviewDepartments[0]")));
        assertNothingStored(id);
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body("{not json")
                .post("/api/v1/declarations").then().statusCode(400).body("errors[0].code", equalTo("malformed_json"));
    }

    @Test
    void withoutCredentials401() {
        given().contentType(ContentType.JSON).body(Fixtures.declaration(Fixtures.uniqueId("A"), Fixtures.mobile(),
                List.of("FGW"))).post("/api/v1/declarations").then().statusCode(401);
        given().get("/api/v1/declarations/any").then().statusCode(401);
        given().auth().preemptive().basic("window", "wrong").get("/api/v1/declarations/any").then().statusCode(401);
        given().get("/api/v1/dead-letters").then().statusCode(401);
    }

    @Test
    void operationsNotOwnAre403() {
        String id = Fixtures.uniqueId("A");
        // a department cannot declare
        given().auth().preemptive().basic("dept-FGW", "sandbox").contentType(ContentType.JSON)
                .body(Fixtures.declaration(id, Fixtures.mobile(), List.of("FGW"))).post("/api/v1/declarations").then()
                .statusCode(403);
        assertNothingStored(id);
        JourneyTest.declare(Fixtures.declaration(id, Fixtures.mobile(), List.of("FGW", "ZJ")));
        // a department answers only for itself
        given().auth().preemptive().basic("dept-FGW", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("departmentCode", "ZJ", "decision", "PASS", "opinion", "同意"))
                .post("/api/v1/declarations/" + id + "/pre-review-opinions").then().statusCode(403)
                .body("errors[0].field", equalTo("departmentCode"));
        // ... and only where it was asked
        given().auth().preemptive().basic("dept-STHJ", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("departmentCode", "STHJ", "decision", "PASS", "opinion", "同意"))
                .post("/api/v1/declarations/" + id + "/pre-review-opinions").then().statusCode(403);
        // the window cannot answer for a department; nobody but operators sees dead letters
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("departmentCode", "FGW", "decision", "PASS", "opinion", "同意"))
                .post("/api/v1/declarations/" + id + "/pre-review-opinions").then().statusCode(403);
        given().auth().preemptive().basic("window", "sandbox").get("/api/v1/dead-letters").then().statusCode(403);
        // departments read the declarations they review, masked
        String masked = given().auth().preemptive().basic("dept-ZJ", "sandbox").get("/api/v1/declarations/" + id).then()
                .statusCode(200).extract().path("declaration.unit.contactMobile");
        assertTrue(masked.contains("****"), masked);
        given().auth().preemptive().basic("dept-STHJ", "sandbox").get("/api/v1/declarations/" + id).then().statusCode(403);
        // bad opinion: every field named
        given().auth().preemptive().basic("dept-FGW", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("departmentCode", "FGW", "decision", "MAYBE"))
                .post("/api/v1/declarations/" + id + "/pre-review-opinions").then().statusCode(400)
                .body("errors.field", equalTo(List.of("decision")));
        given().auth().preemptive().basic("dept-FGW", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("departmentCode", "FGW", "decision", "REJECT"))
                .post("/api/v1/declarations/" + id + "/pre-review-opinions").then().statusCode(400)
                .body("errors[0].field", equalTo("opinion")).body("errors[0].code", equalTo("required"));
    }

    @Test
    void openApiAndHealthAnswer() {
        given().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/v1/declarations/{declarationId}/pre-review-opinions"))
                .body(org.hamcrest.Matchers.containsString("preReviewDepartments"))
                // steps 4-7: the bodies a department or the window sends are described to them
                .body(org.hamcrest.Matchers.containsString("/api/v1/projects/{projectCode}/materials"))
                .body(org.hamcrest.Matchers.containsString("MaterialsDoc"))
                .body(org.hamcrest.Matchers.containsString("DISAPPROVED"))
                .body(org.hamcrest.Matchers.containsString("timeLimitDays"));
        // the calendar holds 2025 and 2026: it is UP but warns that 2027 is missing (the test clock is in 2026)
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'working-day-calendar' }.data.warning",
                        org.hamcrest.Matchers.containsString("no data for 2027"))
                .body("checks.find { it.name == 'broker' }.status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("routeId=\"department-pre-review-request-FGW\""));
    }

    private void assertNothingStored(String id) {
        int rows = db.read(c -> Db.one(c, "SELECT (SELECT COUNT(*) FROM hub_declaration WHERE declaration_id = ?) + "
                + "(SELECT COUNT(*) FROM hub_inbound_message WHERE declaration_id = ?) + "
                + "(SELECT COUNT(*) FROM hub_trail_entry WHERE declaration_id = ?)", rs -> rs.getInt(1), id, id, id)
                .orElse(-1));
        assertEquals(0, rows);
    }
}
