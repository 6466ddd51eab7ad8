package cn.approvalbridge.hub.commitment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.sandbox.department.SandboxApproval;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** EIA results (环评) pushed by the EIA system decide STHJ-01 (hub.eia.items), once, arriving before or after the item. */
@QuarkusTest
class EiaResultTest {

    static final CommitmentSteps API = CommitmentSteps.inProcess();

    @Inject
    SandboxApproval sandbox;
    @Inject
    EiaResults eia;

    @BeforeEach
    @AfterEach
    void reset() {
        sandbox.setWalk(false);
    }

    @Test
    void aResultForAnItemReachedIsRecordedAsItsDecisionOnce() {
        String code = listed();
        String base = "/api/v1/projects/" + code;
        API.post("window", base + "/materials", Map.of("submissionId", "S-" + code)).statusCode(202);
        API.post("dept-STHJ", base + "/material-reviews", Map.of("itemCode", "STHJ-01", "decision", "ACCEPTED")).statusCode(202);
        // the sandbox EIA system decides and pushes as the real one would
        given().contentType(ContentType.JSON).body(Map.of("projectCode", code, "resultId", "HP-A-" + code,
                "approvalNumber", "临环审〔2026〕21号")).post("/sandbox/eia/results").then().statusCode(200)
                .body("hubStatus", equalTo(202));
        JsonPath item = item(code);
        assertEquals("APPROVED", item.getString("decision"));
        assertEquals("临环审〔2026〕21号", item.getString("documentNumber"));
        assertEquals("eia", item.getString("decidedBy"));
        // the same result again: 200; another under the same id: 409; nothing recorded twice
        push(Map.of("resultId", "HP-A-" + code, "projectCode", code, "conclusion", "批准", "approvalNumber",
                "临环审〔2026〕21号", "approvalDate", "2026-03-10", "opinion", "同意该项目环境影响报告表")).statusCode(200)
                .body("status", equalTo("APPLIED"));
        push(Map.of("resultId", "HP-A-" + code, "projectCode", code, "conclusion", "不予批准", "approvalDate",
                "2026-03-10")).statusCode(409);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().queryParam("xmdm", code)
                .get("/sandbox/approval/investment-platform/results").then().extract().jsonPath().getList("spsxbm")
                .contains("STHJ-01"));
        List<String> results = given().auth().preemptive().basic("operator", "sandbox").get(base + "/trail").then()
                .statusCode(200).extract().jsonPath().getList("entries.findAll { it.kind == 'APPROVAL_RESULT' }.partner");
        assertEquals(List.of("eia"), results);
    }

    @Test
    void aResultArrivingBeforeTheProjectReachesTheItemIsHeldAndAppliedWhenItDoes() {
        String code = listed();
        String base = "/api/v1/projects/" + code;
        push(Map.of("resultId", "HP-B-" + code, "projectCode", code, "conclusion", "批准", "approvalNumber",
                "临环审〔2026〕22号", "approvalDate", "2026-03-10")).statusCode(202).body("status", equalTo("HELD"));
        eia.applyHeld();
        assertNull(item(code).get("decision"), "materials not accepted yet: held");
        API.post("window", base + "/materials", Map.of("submissionId", "S-" + code)).statusCode(202);
        API.post("dept-STHJ", base + "/material-reviews", Map.of("itemCode", "STHJ-01", "decision", "ACCEPTED")).statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "APPROVED".equals(item(code).getString("decision")));
        assertEquals("临环审〔2026〕22号", item(code).getString("documentNumber"));
        assertEquals("APPLIED", eia.status("HP-B-" + code).orElseThrow());
    }

    @Test
    void onlyTheEiaSystemMayPushAndBadResultsAreRefused() {
        Map<String, Object> ok = Map.of("resultId", "HP-C-1", "projectCode", "2603-141002-89-01-000001", "conclusion", "批准",
                "approvalNumber", "临环审〔2026〕1号", "approvalDate", "2026-03-10");
        given().contentType(ContentType.JSON).body(ok).post("/api/v1/eia-results").then().statusCode(401);
        API.post("window", "/api/v1/eia-results", ok).statusCode(403);
        push(Map.of("resultId", "HP-C-2", "projectCode", "X-1", "conclusion", "批准", "approvalDate", "2026-03-10"))
                .statusCode(400).body("errors[0].field", equalTo("approvalNumber"));
        push(Map.of("resultId", "HP-C-3", "projectCode", "X-1", "conclusion", "通过", "approvalDate", "2026-03-10"))
                .statusCode(400).body("errors[0].field", equalTo("conclusion"));
    }

    private static String listed() {
        String code = API.coded(API.declare(Fixtures.creditCode(), "STHJ")).code();
        API.post("dept-STHJ", "/api/v1/projects/" + code + "/item-lists", Map.of("items", List.of(Map.of("itemCode", "STHJ-01",
                "itemName", "建设项目环境影响评价审批", "timeLimitDays", 10, "stage", "工程建设许可", "prerequisites",
                List.of())))).statusCode(202);
        return code;
    }

    private static io.restassured.response.ValidatableResponse push(Map<String, Object> body) {
        return API.post("eia", "/api/v1/eia-results", body);
    }

    private static JsonPath item(String code) {
        return API.project(code).setRootPath("approval.items.find { it.itemCode == 'STHJ-01' }");
    }
}
