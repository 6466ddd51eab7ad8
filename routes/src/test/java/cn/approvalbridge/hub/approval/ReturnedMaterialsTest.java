package cn.approvalbridge.hub.approval;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
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
 * Returned materials and resubmission (补正). A department returns the materials with reasons: the unit gets a
 * MATERIALS_RETURNED SMS naming them and the department's review clock stands still while the materials are with the
 * unit; the resubmission restarts it with the working days that were left, and the acceptance that follows is notified
 * with the item's deadline counted from then. The sandbox departments do not walk: ZRZY answers through the API itself.
 */
@QuarkusTest
class ReturnedMaterialsTest {

    private static final String REASONS = "缺少用地红线图；规划条件复印件不清晰";

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

    static JsonPath item(String code, String itemCode) {
        return new JsonPath(project(code).prettify()).setRootPath("approval.items.find { it.itemCode == '" + itemCode + "' }");
    }

    static List<Map<String, Object>> sms(String mobile) {
        return given().queryParam("mobile", mobile).get("/sandbox/sms").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    static List<Map<String, Object>> sms(String mobile, String event) {
        return sms(mobile).stream().filter(m -> event.equals(m.get("event"))).toList();
    }

    static int post(String user, String path, Object body) {
        return given().auth().preemptive().basic(user, "sandbox").contentType(ContentType.JSON).body(body).post(path)
                .then().extract().statusCode();
    }

    @Test
    void returnedMaterialsStopTheReviewClockAndTheResubmissionRestartsItWithTheDaysLeft() {
        // Wednesday 2026-03-04 (TestClock.START): declared, coded, ZRZY lists its item
        String mobile = Fixtures.mobile();
        String id = Fixtures.uniqueId("RM");
        String code = ApprovalApi.codedProject(id, mobile, List.of("ZRZY"));
        String base = "/api/v1/projects/" + code;

        assertEquals(202, post("dept-ZRZY", base + "/item-lists",
                ApprovalApi.oneItem("ZRZY-01", "建设用地规划许可证核发", "立项用地规划许可", List.of())));
        await().atMost(Duration.ofSeconds(20)).until(() -> !sms(mobile, "ITEM_LIST_READY").isEmpty());

        assertEquals(202, post("window", base + "/materials", Map.of("submissionId", "S1-" + id)));
        JsonPath i = item(code, "ZRZY-01");
        assertEquals("SUBMITTED", i.getString("status"));
        assertEquals("2026-03-09", i.getString("reviewDueBy")); // Wed + 3 working days
        assertEquals(0, i.getInt("pausedWorkingDays"));

        // a RETURNED without reasons is refused field by field
        given().auth().preemptive().basic("dept-ZRZY", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("itemCode", "ZRZY-01", "decision", "RETURNED")).post(base + "/material-reviews").then()
                .statusCode(400).body("errors[0].field", equalTo("reasons"));

        // the same day, ZRZY returns the materials with reasons
        Map<String, Object> returned = Map.of("itemCode", "ZRZY-01", "decision", "RETURNED", "reasons", REASONS);
        assertEquals(202, post("dept-ZRZY", base + "/material-reviews", returned));
        assertEquals(200, post("dept-ZRZY", base + "/material-reviews", returned)); // the same answer again
        await().atMost(Duration.ofSeconds(20)).until(() -> sms(mobile, "MATERIALS_RETURNED").size() == 1);
        String text = (String) sms(mobile, "MATERIALS_RETURNED").get(0).get("text");
        assertTrue(text.contains(REASONS) && text.contains(code) && text.contains("建设用地规划许可证核发"), text);
        i = item(code, "ZRZY-01");
        assertEquals("RETURNED", i.getString("status"));
        assertEquals(1, i.getInt("returnCount"));
        assertEquals(REASONS, i.getString("returnReasons"));
        // while the materials are with the unit, the department cannot accept them
        given().auth().preemptive().basic("dept-ZRZY", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("itemCode", "ZRZY-01", "decision", "ACCEPTED")).post(base + "/material-reviews").then()
                .statusCode(409).body("errors[0].code", equalTo("wrong_state"));

        // a week later (Wednesday 03-11, 5 working days on; the original review deadline 03-09 has passed) the unit
        // hands in the corrected materials: the clock restarts with the 3 working days left, the 5 paused ones excluded
        clock.advance(Duration.ofDays(7));
        assertEquals(202, post("window", base + "/materials", Map.of("submissionId", "S2-" + id, "itemCodes", List.of("ZRZY-01"))));
        i = item(code, "ZRZY-01");
        assertEquals("SUBMITTED", i.getString("status"));
        assertEquals(5, i.getInt("pausedWorkingDays"));
        assertEquals("2026-03-16", i.getString("reviewDueBy")); // 03-09 moved by the 5 paused working days
        assertTrue(LocalDate.parse(i.getString("reviewDueBy")).isAfter(LocalDate.of(2026, 3, 11)), "not overdue");
        assertNull(i.getString("dueBy"));

        // accepted after the resubmission: MATERIALS_ACCEPTED with the item's deadline, 5 working days from 03-11
        assertEquals(202, post("dept-ZRZY", base + "/material-reviews", Map.of("itemCode", "ZRZY-01", "decision", "ACCEPTED")));
        i = item(code, "ZRZY-01");
        assertEquals("ACCEPTED", i.getString("status"));
        assertEquals("2026-03-18", i.getString("dueBy"));
        assertEquals("APPROVAL", project(code).getString("approval.step"));
        await().atMost(Duration.ofSeconds(20)).until(() -> sms(mobile, "MATERIALS_ACCEPTED").size() == 1);
        String accepted = (String) sms(mobile, "MATERIALS_ACCEPTED").get(0).get("text");
        assertTrue(accepted.contains("2026-03-18"), accepted);
        assertEquals(1, sms(mobile, "MATERIALS_RETURNED").size());

        // the staging detail rows carry the receipt (1), the return (补正 start, 6), the resubmission (补正 end, 7) and the
        // acceptance (3), in that order (issue 13)
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<String> states = given().queryParam("xmdm", code).get("/sandbox/approval/staging").then()
                    .statusCode(200).extract().jsonPath().getList("SPGL_XMSPSXBLXXXXB.findAll { it.SPSXSLBM == '" + code
                            + "-001-ZRZY-01' }.BLZT");
            assertEquals(List.of("1", "6", "7", "3"), states);
        });
    }
}
