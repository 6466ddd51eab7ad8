package cn.approvalbridge.hub.approval;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.TestClock;
import cn.approvalbridge.hub.sandbox.department.SandboxApproval;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A prerequisite chain (法定前置). ZJ's item needs ZRZY's: ZJ cannot decide before ZRZY has approved (409
 * prerequisite_pending); ZRZY's approval is forwarded to ZJ (a PREREQUISITE_RESULT message with the result)
 * and shared with the investment platform, and ZJ can then decide. The sandbox departments do not walk, and ZJ's item is
 * ZJ-02 so that the sandbox project approval system (which decides ZJ-01) stays out of it.
 */
@QuarkusTest
class PrerequisiteChainTest {

    @Inject
    TestClock clock;

    @Inject
    SandboxApproval sandbox;

    @BeforeEach
    @AfterEach
    void reset() {
        clock.reset();
        sandbox.setWalk(false);
    }

    static JsonPath project(String code) {
        return given().auth().preemptive().basic("window", "sandbox").get("/api/v1/projects/" + code).then()
                .statusCode(200).extract().jsonPath();
    }

    static String item(String code, String itemCode, String field) {
        return project(code).getString("approval.items.find { it.itemCode == '" + itemCode + "' }." + field);
    }

    static List<String> events(String mobile) {
        return given().queryParam("mobile", mobile).get("/sandbox/sms").then().statusCode(200).extract().jsonPath()
                .getList("event");
    }

    static io.restassured.response.ValidatableResponse post(String user, String path, Object body) {
        return given().auth().preemptive().basic(user, "sandbox").contentType(ContentType.JSON).body(body).post(path).then();
    }

    static Map<String, Object> result(String item, String number) {
        return Map.of("itemCode", item, "decision", "APPROVED", "documentNumber", number, "documentDate", "2026-03-04",
                "opinion", "同意");
    }

    /** The messages the sandbox department received from the hub for the project. */
    static List<JsonPath> received(String dept, String code) {
        JsonPath all = given().queryParam("projectCode", code).get("/sandbox/approval/departments/" + dept + "/messages")
                .then().statusCode(200).extract().jsonPath();
        int n = all.getList("$").size();
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> new JsonPath(all.prettify()).setRootPath("[" + i + "]"))
                .toList();
    }

    /** Trail entries going out to that partner, of that kind. */
    static long trailOut(String base, String partner, String kind) {
        List<Map<String, Object>> entries = given().auth().preemptive().basic("window", "sandbox").get(base + "/trail")
                .then().statusCode(200).extract().jsonPath().getList("entries");
        return entries.stream().filter(e -> "OUT".equals(e.get("direction")) && partner.equals(e.get("partner"))
                && kind.equals(e.get("kind"))).count();
    }

    /** A coded project whose ZJ-02 needs ZRZY-01, both listed. Returns the project code. */
    static String chain(String id, String mobile) {
        String code = ApprovalApi.codedProject(id, mobile, List.of("ZRZY", "ZJ"));
        String base = "/api/v1/projects/" + code;
        post("dept-ZRZY", base + "/item-lists", ApprovalApi.oneItem("ZRZY-01", "建设用地规划许可证核发", "立项用地规划许可", List.of()))
                .statusCode(202);
        post("dept-ZJ", base + "/item-lists", ApprovalApi.oneItem("ZJ-02", "建筑工程施工许可证核发", "施工许可", List.of("ZRZY-01")))
                .statusCode(202);
        return code;
    }

    @Test
    void aDependentItemWaitsForItsPrerequisiteWhoseApprovalIsForwardedToTheNextDepartment() {
        String mobile = Fixtures.mobile();
        String id = Fixtures.uniqueId("PC");
        String code = chain(id, mobile);
        String base = "/api/v1/projects/" + code;
        await().atMost(Duration.ofSeconds(20)).until(() -> events(mobile).contains("ITEM_LIST_READY"));
        assertEquals(List.of("ZRZY-01"), project(code).getList("approval.items.find { it.itemCode == 'ZJ-02' }.prerequisites"));

        // the materials: a document that cannot be fetched is refused, naming it, and nothing is recorded
        post("window", base + "/materials", Map.of("submissionId", "S-" + id, "documents", List.of(
                Map.of("name", "营业执照", "url", "C:\\材料\\营业执照.pdf")))).statusCode(400)
                .body("errors[0].field", equalTo("documents[0].url")).body("errors[0].code", equalTo("format"));
        post("window", base + "/materials", Map.of("submissionId", "S-" + id, "documents", List.of(
                Map.of("name", "建设用地规划许可申请表", "url", "https://window.example/files/1", "itemCode", "ZRZY-01"),
                Map.of("name", "建筑工程施工许可申请表", "url", "https://window.example/files/2", "itemCode", "ZJ-02"),
                Map.of("name", "营业执照", "url", "oss://window/files/3")))).statusCode(202);
        // each department received the documents for its item and those for every item, not the other's
        await().atMost(Duration.ofSeconds(15)).until(() -> received("ZJ", code).stream()
                .anyMatch(x -> "MATERIALS".equals(x.getString("kind"))));
        JsonPath zjMaterials = received("ZJ", code).stream().filter(x -> "MATERIALS".equals(x.getString("kind")))
                .findFirst().orElseThrow();
        assertEquals(List.of("建筑工程施工许可申请表", "营业执照"), zjMaterials.getList("message.documents.name"));
        assertEquals(List.of("ZJ-02"), zjMaterials.getList("message.itemCodes"));
        assertEquals("S-" + id, zjMaterials.getString("message.submissionId"));
        post("dept-ZJ", base + "/material-reviews", Map.of("itemCode", "ZJ-02", "decision", "ACCEPTED")).statusCode(202);
        post("dept-ZRZY", base + "/material-reviews", Map.of("itemCode", "ZRZY-01", "decision", "ACCEPTED")).statusCode(202);

        // ZJ may not decide before ZRZY: 409 prerequisite_pending, and nothing is recorded
        post("dept-ZJ", base + "/approval-results", result("ZJ-02", "尧住建〔2026〕7号")).statusCode(409)
                .body("errors[0].code", equalTo("prerequisite_pending"));
        assertEquals("ACCEPTED", item(code, "ZJ-02", "status"));
        assertNull(item(code, "ZJ-02", "decision"));
        assertEquals("立项用地规划许可", project(code).getString("approval.stage"));

        // ZRZY approves: recorded, forwarded to ZJ, shared with the investment platform
        post("dept-ZRZY", base + "/approval-results", result("ZRZY-01", "尧自然资〔2026〕12号")).statusCode(202);
        post("dept-ZRZY", base + "/approval-results", result("ZRZY-01", "尧自然资〔2026〕12号")).statusCode(200);
        assertEquals("APPROVED", item(code, "ZRZY-01", "decision"));
        assertEquals("尧自然资〔2026〕12号", item(code, "ZRZY-01", "documentNumber"));
        assertEquals("施工许可", project(code).getString("approval.stage"));
        assertEquals("APPROVAL", project(code).getString("approval.step"));
        // ZJ, at its own endpoint, got ZRZY's result itself (document number, date), once, naming its item and where
        // to answer
        await().atMost(Duration.ofSeconds(15)).until(() -> received("ZJ", code).stream()
                .anyMatch(m -> "PREREQUISITE_RESULT".equals(m.getString("kind"))));
        List<JsonPath> forwarded = received("ZJ", code).stream()
                .filter(m -> "PREREQUISITE_RESULT".equals(m.getString("kind"))).toList();
        assertEquals(1, forwarded.size(), "one PREREQUISITE_RESULT at ZJ");
        JsonPath m = forwarded.get(0);
        assertEquals(1, m.getInt("timesReceived"));
        assertEquals(List.of("ZJ-02"), m.getList("message.itemCodes"));
        assertEquals(base + "/approval-results", m.getString("message.answerTo"));
        assertEquals("ZRZY-01", m.getString("message.prerequisite.itemCode"));
        assertEquals("APPROVED", m.getString("message.prerequisite.decision"));
        assertEquals("尧自然资〔2026〕12号", m.getString("message.prerequisite.documentNumber"));
        assertEquals("2026-03-04", m.getString("message.prerequisite.documentDate"));
        // ZRZY, which needs nobody's result, got none; both got the item-list request and their materials
        assertTrue(received("ZRZY", code).stream().noneMatch(x -> "PREREQUISITE_RESULT".equals(x.getString("kind"))));
        for (String dept : List.of("ZRZY", "ZJ")) {
            List<String> kinds = received(dept, code).stream().map(x -> x.getString("kind")).toList();
            assertTrue(kinds.containsAll(List.of("ITEM_LIST_REQUEST", "MATERIALS")), dept + " received " + kinds);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> given().queryParam("xmdm", code)
                .get("/sandbox/approval/investment-platform/results").then().extract().jsonPath().getList("spsxbm")
                .contains("ZRZY-01"));
        assertTrue(!events(mobile).contains("RESULTS_READY"));
        // the trail shows each hand-off once: to ZJ, and the result shared with the investment platform
        await().atMost(Duration.ofSeconds(15)).until(() -> trailOut(base, "dept-ZJ", "PREREQUISITE_RESULT") == 1
                && trailOut(base, "investment-platform", "APPROVAL_RESULT_SHARED") == 1);

        // now ZJ decides: 202, the project completes and the unit is told once
        post("dept-ZJ", base + "/approval-results", result("ZJ-02", "尧住建〔2026〕7号")).statusCode(202);
        assertEquals("APPROVED", item(code, "ZJ-02", "decision"));
        assertEquals("COMPLETED", project(code).getString("approval.step"));
        await().atMost(Duration.ofSeconds(20)).until(() -> events(mobile).contains("RESULTS_READY"));
        assertEquals(1, events(mobile).stream().filter("RESULTS_READY"::equals).count());

        // utility applications normally come at 工程建设许可; this project is past it (its items give the stage),
        // so an application now is accepted without the early-stage flag (a project with no items yet is flagged)
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("applicationId", Fixtures.uniqueId("UA"), "utilities", List.of("WATER"),
                        "site", "尧都区屯里镇物流园1号地块", "contact", Map.of("name", "王五", "mobile", Fixtures.mobile()),
                        "water", Map.of("dailyDemandM3", 120.5, "pipeDiameterMm", 100),
                        "surveyWindows", List.of(Map.of("from", "2026-03-16", "to", "2026-03-20"))))
                .post(base + "/utility-applications").then().statusCode(202)
                .body("application.flags", not(hasItem("BEFORE_CONSTRUCTION_PERMIT_STAGE")));
    }

    /**
     * A refused prerequisite (不予许可) does not hold the dependent item forever: its department gets the refusal and
     * decides knowing it, and the project completes.
     */
    @Test
    void aRefusedPrerequisiteReachesTheNextDepartmentWhichThenDecides() {
        String mobile = Fixtures.mobile();
        String id = Fixtures.uniqueId("PR");
        String code = chain(id, mobile);
        String base = "/api/v1/projects/" + code;
        post("window", base + "/materials", Map.of("submissionId", "S-" + id)).statusCode(202);
        post("dept-ZJ", base + "/material-reviews", Map.of("itemCode", "ZJ-02", "decision", "ACCEPTED")).statusCode(202);
        post("dept-ZRZY", base + "/material-reviews", Map.of("itemCode", "ZRZY-01", "decision", "ACCEPTED")).statusCode(202);

        // bad decisions are refused naming the field and the rule, and change nothing
        post("dept-ZRZY", base + "/approval-results", Map.of("itemCode", "ZRZY-01", "decision", "REFUSED",
                "documentDate", "2026-03-04")).statusCode(400).body("errors[0].field", equalTo("decision"))
                .body("errors[0].code", equalTo("not_allowed"));
        post("dept-ZRZY", base + "/approval-results", Map.of("itemCode", "ZRZY-01", "decision", "APPROVED",
                "documentDate", "2026-03-04")).statusCode(400).body("errors[0].field", equalTo("documentNumber"))
                .body("errors[0].code", equalTo("required"));
        assertNull(item(code, "ZRZY-01", "decision"));
        post("dept-ZRZY", base + "/approval-results", Map.of("itemCode", "ZRZY-01", "decision", "DISAPPROVED",
                "documentDate", "2026-03-04", "opinion", "用地性质不符")).statusCode(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> received("ZJ", code).stream()
                .anyMatch(m -> "PREREQUISITE_RESULT".equals(m.getString("kind"))));
        JsonPath m = received("ZJ", code).stream().filter(x -> "PREREQUISITE_RESULT".equals(x.getString("kind")))
                .findFirst().orElseThrow();
        assertEquals("DISAPPROVED", m.getString("message.prerequisite.decision"));
        assertEquals("用地性质不符", m.getString("message.prerequisite.opinion"));

        post("dept-ZJ", base + "/approval-results", Map.of("itemCode", "ZJ-02", "decision", "DISAPPROVED",
                "documentDate", "2026-03-04", "opinion", "前置用地规划许可未获批准")).statusCode(202);
        assertEquals("COMPLETED", project(code).getString("approval.step"));
        await().atMost(Duration.ofSeconds(20)).until(() -> events(mobile).contains("RESULTS_READY"));
    }
}
