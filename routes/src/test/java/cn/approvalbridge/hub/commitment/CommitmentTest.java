package cn.approvalbridge.hub.commitment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.TestClock;
import cn.approvalbridge.hub.platform.deadline.DeadlineMonitor;
import cn.approvalbridge.hub.sandbox.department.SandboxApproval;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Commitment-based approval (告知承诺制) as the window, the department, the unit, the supervisor, the credit system,
 * the investment platform and the staging tables see it: STHJ-01 allows a commitment by the catalogue (check within 10
 * working days); STHJ-02 by the department's own item list (check within 3).
 */
@QuarkusTest
class CommitmentTest {

    static final String SERIOUS = "91141002MA0CRD001Q";
    static final String STHJ_SUPERVISOR = "13700000013";

    @Inject
    TestClock clock;
    @Inject
    DeadlineMonitor monitor;
    @Inject
    SandboxApproval sandbox;

    @BeforeEach
    @AfterEach
    void reset() {
        clock.reset();
        sandbox.setWalk(false);
    }

    record Project(String code, String mobile, String creditCode) {
        String base() {
            return "/api/v1/projects/" + code;
        }
    }

    @Test
    void anItemApprovedOnCommitmentWhoseCheckPasses() {
        Project p = accepted(Fixtures.creditCode(), "STHJ-01", Map.of());
        commit(p, "STHJ-01").statusCode(202);
        commit(p, "STHJ-01").statusCode(200);
        approveOnCommitment(p, "STHJ-01");
        JsonPath c = commitment(p, "STHJ-01");
        assertEquals("APPROVED", c.getString("status"));
        assertEquals("2026-03-18", c.getString("checkDueBy"), "10 working days from Wednesday 03-04");
        assertEquals(2, creditRequests(p.creditCode()), "asked at intake and again before the commitment");
        // the decision went on as any other, with the commitment noted in the 办结 row
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath s = staging(p.code());
            assertEquals(List.of("11"), s.getList("SPGL_XMSPSXBLXXXXB.findAll { it.BLZT == '11' }.BLZT"));
            assertTrue(s.getString("SPGL_XMSPSXBLXXXXB.find { it.BLZT == '11' }.BLYJ").contains("承诺书oss://window/c/"));
            assertEquals(1, s.getList("SPGL_XMSPSXPFWJXXB").size());
        });

        long doneBefore = counts().getLong("checksDone");
        check(p, "STHJ-01", Map.of("outcome", "PASSED")).statusCode(202);
        check(p, "STHJ-01", Map.of("outcome", "PASSED")).statusCode(200);
        check(p, "STHJ-01", Map.of("outcome", "FAILED", "reasons", "x")).statusCode(409).body("errors[0].code", equalTo("conflict"));
        assertEquals("PASSED", commitment(p, "STHJ-01").getString("checkOutcome"));
        assertEquals(doneBefore + 1, counts().getLong("checksDone"));
        // published without anyone's personal data
        String published = given().queryParam("projectCode", p.code()).get("/api/v1/commitments").then().statusCode(200)
                .body("[0].checkOutcome", equalTo("PASSED")).body("[0].unitName", equalTo("临汾市某物流有限公司"))
                .body("[0].textVersion", equalTo("2026-1")).extract().asString();
        assertFalse(published.contains(p.mobile()) || published.contains(p.creditCode()) || published.contains("王五"));
        assertEquals("APPROVED", item(p, "STHJ-01").getString("decision"));
    }

    @Test
    void aFailedCheckRevokesTheApprovalEverywhereTellsTheUnitAndReportsToTheCreditSystem() {
        Project p = accepted(Fixtures.creditCode(), "STHJ-01", Map.of());
        commit(p, "STHJ-01").statusCode(202);
        approveOnCommitment(p, "STHJ-01");
        long failedBefore = counts().getLong("checksFailed");
        check(p, "STHJ-01", Map.of("outcome", "FAILED")).statusCode(400).body("errors[0].field", equalTo("reasons"));
        check(p, "STHJ-01", Map.of("outcome", "FAILED", "reasons", "现场核查：未按承诺落实环保设施")).statusCode(202);

        assertEquals("REVOKED", commitment(p, "STHJ-01").getString("status"));
        assertEquals("REVOKED", item(p, "STHJ-01").getString("decision"));
        assertEquals(failedBefore + 1, counts().getLong("checksFailed"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(List.of("15"), staging(p.code()).getList("SPGL_XMSPSXBLXXXXB.findAll { it.BLZT == '15' }.BLZT"));
            List<Map<String, Object>> results = given().queryParam("xmdm", p.code())
                    .get("/sandbox/approval/investment-platform/results").then().statusCode(200).extract().jsonPath()
                    .getList("$");
            assertTrue(results.stream().anyMatch(r -> "STHJ-01:REVOKED".equals(r.get("spsxbm"))
                    && String.valueOf(r.get("body")).contains("撤销")), results.toString());
            assertEquals(1, events(p.mobile()).stream().filter("COMMITMENT_REVOKED"::equals).count());
            List<Map<String, Object>> reports = given().queryParam("creditCode", p.creditCode())
                    .get("/sandbox/credit/reports").then().statusCode(200).extract().jsonPath().getList("$");
            assertEquals(1, reports.size());
            assertTrue(String.valueOf(reports.get(0).get("body")).contains("DISHONEST_COMMITMENT"));
        });
        List<String> kinds = trailKinds(p);
        assertTrue(kinds.contains("APPROVAL_REVOKED") && kinds.contains("DISHONEST_COMMITMENT_REPORTED"), kinds.toString());
    }

    @Test
    void aCheckNotRecordedInTimeIsWarnedThenEscalated() {
        Map<String, Object> terms = Map.of("commitmentAllowed", true, "checkWorkingDays", 3);
        Project p = accepted(Fixtures.creditCode(), "STHJ-02", terms);
        commit(p, "STHJ-02").statusCode(202);
        approveOnCommitment(p, "STHJ-02");
        assertEquals("2026-03-09", commitment(p, "STHJ-02").getString("checkDueBy"), "the department's 3 working days");
        long overdueBefore = counts().getLong("checksOverdue");
        clock.advance(Duration.ofDays(2)); // Friday 03-06: warning day
        monitor.check();
        assertNotNull(commitment(p, "STHJ-02").get("checkWarnedAt"));
        assertNull(commitment(p, "STHJ-02").get("checkEscalatedAt"));
        clock.advance(Duration.ofDays(4)); // Tuesday 03-10: overdue
        monitor.check();
        monitor.check();
        assertNotNull(commitment(p, "STHJ-02").get("checkEscalatedAt"));
        assertEquals(overdueBefore + 1, counts().getLong("checksOverdue"));
        List<String> escalations = given().auth().preemptive().basic("window", "sandbox").get(p.base() + "/trail").then()
                .statusCode(200).extract().jsonPath().getList("entries.findAll { it.kind == 'OVERDUE_ESCALATION' }.payload");
        assertEquals(1, escalations.size(), escalations.toString());
        assertTrue(escalations.get(0).contains("COMMITMENT_CHECK"));
        await().atMost(Duration.ofSeconds(15)).until(() -> given().queryParam("mobile", STHJ_SUPERVISOR).get("/sandbox/sms")
                .then().extract().jsonPath().getList("text", String.class).stream()
                .anyMatch(t -> t.contains("告知承诺事后核查") && t.contains(p.code())));
    }

    @Test
    void aDishonestUnitIsRefusedACommitmentButStillServedOtherwise() {
        Project p = accepted(SERIOUS, "STHJ-01", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> "SERIOUS_DISHONESTY".equals(given().auth().preemptive()
                .basic("window", "sandbox").get("/api/v1/projects/" + p.code()).then().extract().path("creditCheck.status")));
        commit(p, "STHJ-01").statusCode(409).body("errors[0].code", equalTo("credit_not_allowed"))
                .body("errors[0].message", containsString("SX-0CRD001Q"));
        // the department approves the ordinary way
        post("dept-STHJ", p.base() + "/approval-results", Map.of("itemCode", "STHJ-01", "decision", "APPROVED",
                "documentNumber", "尧环审〔2026〕7号", "documentDate", "2026-03-04")).statusCode(202);
        assertEquals("APPROVED", item(p, "STHJ-01").getString("decision"));
        assertTrue(trailKinds(p).contains("COMMITMENT_REFUSED"));
    }

    @Test
    void anItemNotGrantedOnCommitmentRefusesOne() {
        Project p = accepted(Fixtures.creditCode(), "STHJ-03", Map.of());
        commit(p, "STHJ-03").statusCode(409).body("errors[0].code", equalTo("commitment_not_allowed"));
        post("window", p.base() + "/items/STHJ-03/commitment", Map.of("textVersion", "1")).statusCode(400)
                .body("errors[0].field", equalTo("documentRef"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** A coded project of STHJ whose item {@code itemCode} (with these item-list terms) has its materials accepted. */
    static Project accepted(String creditCode, String itemCode, Map<String, Object> terms) {
        String id = Fixtures.uniqueId("CM");
        String mobile = Fixtures.mobile();
        Map<String, Object> d = new HashMap<>(Fixtures.declaration(id, mobile, List.of("STHJ")));
        @SuppressWarnings("unchecked")
        Map<String, Object> unit = new HashMap<>((Map<String, Object>) d.get("unit"));
        unit.put("creditCode", creditCode);
        d.put("unit", unit);
        String code = coded(id, d);
        Project p = new Project(code, mobile, creditCode);
        Map<String, Object> item = new HashMap<>(Map.of("itemCode", itemCode, "itemName", "建设项目环境影响评价审批",
                "timeLimitDays", 10, "stage", "工程建设许可", "prerequisites", List.of()));
        item.putAll(terms);
        post("dept-STHJ", p.base() + "/item-lists", Map.of("items", List.of(item))).statusCode(202);
        post("window", p.base() + "/materials", Map.of("submissionId", "S-" + id)).statusCode(202);
        post("dept-STHJ", p.base() + "/material-reviews", Map.of("itemCode", itemCode, "decision", "ACCEPTED"))
                .statusCode(202);
        return p;
    }

    static String coded(String id, Map<String, Object> declaration) {
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(declaration)
                .post("/api/v1/declarations").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().preemptive().basic("window", "sandbox")
                .get("/api/v1/declarations/" + id).then().extract().path("projectCode") != null);
        String code = given().auth().preemptive().basic("window", "sandbox").get("/api/v1/declarations/" + id).then()
                .extract().path("projectCode");
        await().atMost(Duration.ofSeconds(20)).until(() -> project(code).getList("approval.itemLists").size() == 1);
        return code;
    }

    static ValidatableResponse commit(Project p, String itemCode) {
        return post("window", p.base() + "/items/" + itemCode + "/commitment",
                Map.of("documentRef", "oss://window/c/" + p.code(), "textVersion", "2026-1"));
    }

    /** The department approves once the credit system has answered the check before the commitment. */
    static void approveOnCommitment(Project p, String itemCode) {
        Map<String, Object> body = Map.of("documentNumber", "尧环承〔2026〕1号", "documentDate", "2026-03-04");
        await().atMost(Duration.ofSeconds(30)).until(() -> post("dept-STHJ", p.base() + "/items/" + itemCode
                + "/commitment-approval", body).extract().statusCode() != 409);
        post("dept-STHJ", p.base() + "/items/" + itemCode + "/commitment-approval", body).statusCode(200);
    }

    static ValidatableResponse check(Project p, String itemCode, Map<String, Object> body) {
        return post("dept-STHJ", p.base() + "/items/" + itemCode + "/commitment-check", body);
    }

    static ValidatableResponse post(String user, String path, Object body) {
        return given().auth().preemptive().basic(user, "sandbox").contentType(ContentType.JSON).body(body).post(path).then();
    }

    static JsonPath project(String code) {
        return given().auth().preemptive().basic("window", "sandbox").get("/api/v1/projects/" + code).then()
                .statusCode(200).extract().jsonPath();
    }

    static JsonPath commitment(Project p, String itemCode) {
        return project(p.code()).setRootPath("commitments.commitments.find { it.itemCode == '" + itemCode + "' }");
    }

    static JsonPath item(Project p, String itemCode) {
        return project(p.code()).setRootPath("approval.items.find { it.itemCode == '" + itemCode + "' }");
    }

    static JsonPath counts() {
        return given().auth().preemptive().basic("supervisor", "sandbox").get("/api/v1/commitments/counts").then()
                .statusCode(200).extract().jsonPath();
    }

    static JsonPath staging(String code) {
        return given().queryParam("xmdm", code).get("/sandbox/approval/staging").then().statusCode(200).extract().jsonPath();
    }

    static int creditRequests(String creditCode) {
        return given().queryParam("creditCode", creditCode).get("/sandbox/credit/checks").then().statusCode(200).extract()
                .jsonPath().getList("$").size();
    }

    static List<String> events(String mobile) {
        return given().queryParam("mobile", mobile).get("/sandbox/sms").then().statusCode(200).extract().jsonPath()
                .getList("event");
    }

    static List<String> trailKinds(Project p) {
        return given().auth().preemptive().basic("operator", "sandbox").get(p.base() + "/trail").then().statusCode(200)
                .extract().jsonPath().getList("entries.kind");
    }
}
