package cn.approvalbridge.hub.approval;

import static cn.approvalbridge.hub.approval.PrerequisiteChainTest.post;
import static cn.approvalbridge.hub.approval.PrerequisiteChainTest.received;
import static cn.approvalbridge.hub.approval.ReturnedMaterialsTest.item;
import static cn.approvalbridge.hub.approval.ReturnedMaterialsTest.project;
import static cn.approvalbridge.hub.approval.ReturnedMaterialsTest.sms;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
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
import cn.approvalbridge.hub.platform.deadline.DeadlineMonitor;
import cn.approvalbridge.hub.sandbox.department.SandboxApproval;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * 撤回 and applying again. The window withdraws an accepted item: the department is told, the staging tables get BLZT
 * 14, its clock stops (no warning or escalation however late), the department can no longer decide it. The unit
 * applies for it again (materials naming it): a new application with its own SPSXSLBM, from 接件 to 办结. A refused
 * item is applied for again the same way. The sandbox departments do not walk: they answer through the API.
 */
@QuarkusTest
class WithdrawalTest {

    @Inject
    TestClock clock;
    @Inject
    SandboxApproval sandbox;
    @Inject
    DeadlineMonitor monitor;

    @BeforeEach
    @AfterEach
    void reset() {
        clock.reset();
        sandbox.setWalk(false);
    }

    static List<Map<String, Object>> detailRows(String code) {
        return given().queryParam("xmdm", code).get("/sandbox/approval/staging").then().statusCode(200).extract()
                .jsonPath().getList("SPGL_XMSPSXBLXXXXB");
    }

    /**
     * The BLZT of an application's detail rows, sorted: states changed within moments of each other may reach the
     * staging table in either order (the outbox relay and the staging consumers run in parallel); BLSJ has their time.
     */
    static List<String> states(String code, String spsxslbm) {
        return detailRows(code).stream().filter(r -> spsxslbm.equals(r.get("SPSXSLBM"))).map(r -> (String) r.get("BLZT"))
                .sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList();
    }

    static List<Map<String, Object>> stagingRows(String code, String table) {
        return given().queryParam("xmdm", code).get("/sandbox/approval/staging").then().statusCode(200).extract()
                .jsonPath().getList(table);
    }

    /** The project's trail entries of that kind, except those recording a hand-off to a partner (OUT). */
    static List<Map<String, Object>> trail(String base, String kind) {
        List<Map<String, Object>> entries = given().auth().preemptive().basic("window", "sandbox").get(base + "/trail")
                .then().statusCode(200).extract().jsonPath().getList("entries");
        return entries.stream().filter(e -> kind.equals(e.get("kind")) && !"OUT".equals(e.get("direction"))).toList();
    }

    @Test
    void aWithdrawnItemStopsItsClockReachesItsDepartmentAndIsAppliedForAgainUnderANewInstanceKey() {
        String mobile = Fixtures.mobile();
        String id = Fixtures.uniqueId("WD");
        String code = ApprovalApi.codedProject(id, mobile, List.of("ZRZY", "FGW"));
        String base = "/api/v1/projects/" + code;
        String first = code + "-001-ZRZY-01";
        post("dept-ZRZY", base + "/item-lists", ApprovalApi.oneItem("ZRZY-01", "建设用地规划许可证核发", "立项用地规划许可",
                List.of())).statusCode(202);
        post("dept-FGW", base + "/item-lists", ApprovalApi.oneItem("FGW-01", "企业投资项目备案", "立项用地规划许可",
                List.of())).statusCode(202);

        // nothing to withdraw before materials; a withdrawal without a reason is refused by field
        post("window", base + "/withdrawals", Map.of("itemCode", "ZRZY-01", "reason", "单位申请撤回")).statusCode(409)
                .body("errors[0].code", equalTo("wrong_state"));
        post("window", base + "/withdrawals", Map.of("itemCode", "ZRZY-01")).statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        post("dept-ZRZY", base + "/withdrawals", Map.of("itemCode", "ZRZY-01", "reason", "x")).statusCode(403);
        post("window", base + "/withdrawals", Map.of("itemCode", "XX-09", "reason", "x")).statusCode(403)
                .body("errors[0].code", equalTo("not_requested"));

        post("window", base + "/materials", Map.of("submissionId", "S1-" + id)).statusCode(202);
        post("dept-ZRZY", base + "/material-reviews", Map.of("itemCode", "ZRZY-01", "decision", "ACCEPTED")).statusCode(202);
        String due = item(code, "ZRZY-01").getString("dueBy");

        Map<String, Object> withdrawal = Map.of("itemCode", "ZRZY-01", "reason", "建设方案调整，单位申请撤回");
        post("window", base + "/withdrawals", withdrawal).statusCode(202);
        post("window", base + "/withdrawals", withdrawal).statusCode(200);
        post("window", base + "/withdrawals", Map.of("itemCode", "ZRZY-01", "reason", "另一个原因")).statusCode(409)
                .body("errors[0].code", equalTo("conflict"));
        JsonPath i = item(code, "ZRZY-01");
        assertEquals("WITHDRAWN", i.getString("status"));
        assertEquals(1, i.getInt("application"));
        assertEquals("建设方案调整，单位申请撤回", i.getString("withdrawalReason"));
        assertEquals(1, trail(base, "WITHDRAWAL").size());

        // the department is told once; the staging tables get BLZT 14 after 接件 and 受理
        await().atMost(Duration.ofSeconds(20)).until(() -> received("ZRZY", code).stream()
                .anyMatch(m -> "WITHDRAWAL".equals(m.getString("kind"))));
        JsonPath told = received("ZRZY", code).stream().filter(m -> "WITHDRAWAL".equals(m.getString("kind"))).findFirst()
                .orElseThrow();
        assertEquals("WITHDRAWAL:ZRZY-01-1:" + code + ":ZRZY", told.getString("message.messageId"));
        assertEquals("建设方案调整，单位申请撤回", told.getString("message.reason"));
        assertEquals(List.of("ZRZY-01"), told.getList("message.itemCodes"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEquals(List.of("1", "3", "14"), states(code, first)));

        // the department can no longer decide it, and its clock stands: long past its due day, nobody is warned
        post("dept-ZRZY", base + "/approval-results", PrerequisiteChainTest.result("ZRZY-01", "尧自然资〔2026〕1号"))
                .statusCode(409).body("errors[0].code", equalTo("wrong_state"));
        clock.advance(Duration.ofDays(30));
        monitor.check();
        monitor.check();
        i = item(code, "ZRZY-01");
        assertNull(i.get("warnedAt"));
        assertNull(i.get("escalatedAt"));
        assertTrue(trail(base, "DEADLINE_WARNING").stream().noneMatch(e -> String.valueOf(e.get("payload")).contains("ZRZY-01")));
        assertTrue(trail(base, "OVERDUE_ESCALATION").isEmpty() || trail(base, "OVERDUE_ESCALATION").stream()
                .noneMatch(e -> String.valueOf(e.get("payload")).contains("ZRZY-01")), "was due " + due);

        // applied for again: application 2, its own SPSXSLBM and item row, from 接件 on; the first one's rows stay
        post("window", base + "/materials", Map.of("submissionId", "S2-" + id, "itemCodes", List.of("ZRZY-01"))).statusCode(202);
        i = item(code, "ZRZY-01");
        assertEquals("SUBMITTED", i.getString("status"));
        assertEquals(2, i.getInt("application"));
        assertNull(i.getString("withdrawalReason"));
        post("dept-ZRZY", base + "/material-reviews", Map.of("itemCode", "ZRZY-01", "decision", "ACCEPTED")).statusCode(202);
        post("dept-ZRZY", base + "/approval-results", PrerequisiteChainTest.result("ZRZY-01", "尧自然资〔2026〕2号"))
                .statusCode(202);
        String second = first + "-2";
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertEquals(List.of("1", "3", "11"), states(code, second));
            assertEquals(List.of("1", "3", "14"), states(code, first));
            assertEquals(List.of(first, second), stagingRows(code, "SPGL_XMSPSXBLXXB").stream()
                    .filter(r -> "ZRZY-01".equals(r.get("SPSXBM"))).map(r -> r.get("SPSXSLBM")).toList());
            assertEquals(List.of(second), stagingRows(code, "SPGL_XMSPSXPFWJXXB").stream().map(r -> r.get("SPSXSLBM"))
                    .toList());
        });
        // the department got the second application's materials, and its acceptance reached the unit again
        await().atMost(Duration.ofSeconds(20)).until(() -> sms(mobile, "MATERIALS_ACCEPTED").size() == 2);
        assertTrue(received("ZRZY", code).stream().anyMatch(m -> ("MATERIALS:S2-" + id + ":" + code + ":ZRZY")
                .equals(m.getString("message.messageId"))));
        // the project is not complete while FGW-01 is undecided
        assertEquals(List.of(), sms(mobile, "RESULTS_READY"));
    }

    @Test
    void aRefusedItemIsAppliedForAgainAndTheNewResultIsAnnounced() {
        String mobile = Fixtures.mobile();
        String id = Fixtures.uniqueId("RA");
        String code = ApprovalApi.codedProject(id, mobile, List.of("FGW"));
        String base = "/api/v1/projects/" + code;
        post("dept-FGW", base + "/item-lists", ApprovalApi.oneItem("FGW-01", "企业投资项目备案", "立项用地规划许可",
                List.of())).statusCode(202);
        post("window", base + "/materials", Map.of("submissionId", "S1-" + id)).statusCode(202);
        post("dept-FGW", base + "/material-reviews", Map.of("itemCode", "FGW-01", "decision", "ACCEPTED")).statusCode(202);
        post("dept-FGW", base + "/approval-results", Map.of("itemCode", "FGW-01", "decision", "DISAPPROVED",
                "documentDate", "2026-03-04", "opinion", "不符合产业政策")).statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> sms(mobile, "RESULTS_READY").size() == 1);
        // a decided item cannot be withdrawn; materials for every item awaiting them do not reopen it
        post("window", base + "/withdrawals", Map.of("itemCode", "FGW-01", "reason", "x")).statusCode(409)
                .body("errors[0].code", equalTo("wrong_state"));
        post("window", base + "/materials", Map.of("submissionId", "S2-" + id)).statusCode(409)
                .body("errors[0].code", equalTo("wrong_state"));

        post("window", base + "/materials", Map.of("submissionId", "S3-" + id, "itemCodes", List.of("FGW-01")))
                .statusCode(202);
        assertEquals("WINDOW_ACCEPTANCE", project(code).getString("approval.step"));
        assertEquals(2, item(code, "FGW-01").getInt("application"));
        assertNull(item(code, "FGW-01").getString("decision"));
        post("dept-FGW", base + "/material-reviews", Map.of("itemCode", "FGW-01", "decision", "ACCEPTED")).statusCode(202);
        post("dept-FGW", base + "/approval-results", PrerequisiteChainTest.result("FGW-01", "尧发改备〔2026〕9号"))
                .statusCode(202);
        assertEquals("COMPLETED", project(code).getString("approval.step"));
        String first = code + "-001-FGW-01";
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertEquals(List.of("1", "3", "13"), states(code, first));
            assertEquals(List.of("1", "3", "11"), states(code, first + "-2"));
        });
        // the new result is news: a second RESULTS_READY (once), a second acceptance notice
        await().atMost(Duration.ofSeconds(20)).until(() -> sms(mobile, "RESULTS_READY").size() == 2);
        assertEquals(2, sms(mobile, "MATERIALS_ACCEPTED").size());
    }
}
