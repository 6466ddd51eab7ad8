package cn.approvalbridge.hub.approval;

import static cn.approvalbridge.hub.approval.PrerequisiteChainTest.events;
import static cn.approvalbridge.hub.approval.PrerequisiteChainTest.post;
import static cn.approvalbridge.hub.approval.PrerequisiteChainTest.project;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
 * Early warning and escalation (预警, 督办) on the limits of steps 4-6, as for pre-review: the item list (3
 * working days), the material review (3) and the approval (the item's own limit, 5 here). The warning falls on the
 * working day that uses up 2/3 of the limit and goes to the department's duty desk; the escalation the working day after
 * the due day, to its supervisor; each once, in the project's trail. A department is not warned for time that is not
 * its own: ZRZY-01 needs FGW-01 (法定前置), so ZRZY's limit counts from the day FGW's result reaches it.
 * <p>
 * The test clock jumps through March 2026 (no holidays): coded Wednesday 03-04 (item lists due Monday 03-09, warning
 * Friday 03-06); materials Tuesday 03-10 (reviews due Friday 03-13, warning Thursday 03-12); FGW-01 accepted 03-10 (due
 * Tuesday 03-17, warning Friday 03-13); ZRZY-01 accepted Monday 03-16 but waiting for FGW-01, decided Tuesday 03-24:
 * ZRZY-01 then due Tuesday 03-31, warning Friday 03-27.
 */
@QuarkusTest
class ApprovalDeadlineTest {

    static final String ZRZY_DUTY = "13700000002";
    static final String ZRZY_SUPERVISOR = "13700000012";

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

    /** Moves the test clock to that day of March 2026 (32 = April 1st; the clock starts on Wednesday 03-04, 10:00). */
    void march(int day) {
        clock.reset();
        clock.advance(Duration.ofDays(day - 4L));
    }

    @Test
    void lateDepartmentsAreWarnedThenEscalatedOnEachStepAndNotWhileWaitingForAPrerequisite() {
        String mobile = Fixtures.mobile();
        String id = Fixtures.uniqueId("AD");
        String code = ApprovalApi.codedProject(id, mobile, List.of("FGW", "ZRZY"));
        String base = "/api/v1/projects/" + code;
        assertEquals("2026-03-09", list(code, "ZRZY").getString("dueBy"));

        // step 4: FGW lists its item at once, ZRZY stays silent
        post("dept-FGW", base + "/item-lists", Map.of("items", List.of(item("FGW-01", "企业投资项目备案", List.of()))))
                .statusCode(202);
        monitor.check();
        assertNull(list(code, "ZRZY").get("warnedAt"));
        march(6); // Friday: ZRZY's warning day
        monitor.check();
        monitor.check();
        assertNotNull(list(code, "ZRZY").get("warnedAt"));
        assertNull(list(code, "ZRZY").get("escalatedAt"));
        assertNull(list(code, "FGW").get("warnedAt"), "FGW answered: nothing to warn");
        march(9); // Monday: due today, not overdue yet
        monitor.check();
        assertNull(list(code, "ZRZY").get("escalatedAt"));
        march(10); // Tuesday: overdue, escalated
        monitor.check();
        assertNotNull(list(code, "ZRZY").get("escalatedAt"));
        // the duty desk was told what is due, naming this project; the supervisor that it is 1 working day late
        await().atMost(Duration.ofSeconds(15)).until(() -> sms(ZRZY_DUTY, "DEADLINE_WARNING", "审批事项清单", code));
        await().atMost(Duration.ofSeconds(15)).until(() -> sms(ZRZY_SUPERVISOR, "OVERDUE_ESCALATION", "审批事项清单", code));
        assertTrue(smsText(ZRZY_SUPERVISOR, code).stream().anyMatch(t -> t.contains("已超期1个工作日")));

        // ZRZY lists late; its item needs FGW's. The window hands in the materials the same day (Tuesday 03-10).
        post("dept-ZRZY", base + "/item-lists", Map.of("items", List.of(item("ZRZY-01", "建设用地规划许可证核发",
                List.of("FGW-01"))))).statusCode(202);
        post("window", base + "/materials", Map.of("submissionId", "S-" + id)).statusCode(202);
        post("dept-FGW", base + "/material-reviews", Map.of("itemCode", "FGW-01", "decision", "ACCEPTED")).statusCode(202);
        assertEquals("2026-03-13", item(code, "ZRZY-01").getString("reviewDueBy"));
        assertEquals("2026-03-17", item(code, "FGW-01").getString("dueBy"));

        // step 5: ZRZY does not review its materials in time
        march(12); // Thursday: review warning
        monitor.check();
        assertNotNull(item(code, "ZRZY-01").get("reviewWarnedAt"));
        assertNull(item(code, "FGW-01").get("warnedAt"), "FGW's approval warning falls on Friday 03-13");
        march(16); // Monday: the review is overdue; FGW's approval is on its warning day, not yet overdue
        monitor.check();
        assertNotNull(item(code, "ZRZY-01").get("reviewEscalatedAt"));
        assertNotNull(item(code, "FGW-01").get("warnedAt"));
        assertNull(item(code, "FGW-01").get("escalatedAt"));
        post("dept-ZRZY", base + "/material-reviews", Map.of("itemCode", "ZRZY-01", "decision", "ACCEPTED")).statusCode(202);
        assertEquals(List.of("FGW-01"), item(code, "ZRZY-01").getList("waitingForPrerequisites"));

        // step 6: past ZRZY-01's own due day (03-23 from its acceptance), but it cannot decide before FGW: no warning
        march(24);
        monitor.check();
        assertNotNull(item(code, "FGW-01").get("escalatedAt"), "FGW-01 was due 03-17");
        assertNull(item(code, "ZRZY-01").get("warnedAt"));
        assertNull(item(code, "ZRZY-01").get("escalatedAt"));
        post("dept-FGW", base + "/approval-results", Map.of("itemCode", "FGW-01", "decision", "APPROVED",
                "documentNumber", "尧发改备〔2026〕3号", "documentDate", "2026-03-24", "opinion", "同意")).statusCode(202);
        // FGW's result reached ZRZY today: its 5 working days count from here
        assertEquals("2026-03-31", item(code, "ZRZY-01").getString("dueBy"));
        assertEquals(List.of(), item(code, "ZRZY-01").getList("waitingForPrerequisites"));
        march(26);
        monitor.check();
        assertNull(item(code, "ZRZY-01").get("warnedAt"));
        march(27); // Friday: warning
        monitor.check();
        assertNotNull(item(code, "ZRZY-01").get("warnedAt"));
        march(32); // Wednesday 04-01: overdue
        monitor.check();
        monitor.check();
        assertNotNull(item(code, "ZRZY-01").get("escalatedAt"));
        await().atMost(Duration.ofSeconds(15)).until(() -> sms(ZRZY_DUTY, "DEADLINE_WARNING", "审批办理：建设用地规划许可证核发", code));
        await().atMost(Duration.ofSeconds(15)).until(() -> sms(ZRZY_SUPERVISOR, "OVERDUE_ESCALATION", "材料审查：建设用地规划许可证核发", code));

        // each raised once, in the trail: ZRZY's item list, ZRZY's review, FGW's approval, ZRZY's approval
        JsonPath trail = given().auth().preemptive().basic("window", "sandbox").queryParam("verify", true)
                .get(base + "/trail").then().statusCode(200).extract().jsonPath();
        assertTrue(trail.getBoolean("valid"));
        List<String> warnings = trail.getList("entries.findAll { it.kind == 'DEADLINE_WARNING' }.payload");
        List<String> escalations = trail.getList("entries.findAll { it.kind == 'OVERDUE_ESCALATION' }.payload");
        assertEquals(4, warnings.size(), warnings.toString());
        assertEquals(4, escalations.size(), escalations.toString());
        for (String phase : List.of("\"ITEM_LIST\"", "\"REVIEW\"", "\"APPROVAL\"")) {
            assertTrue(warnings.stream().anyMatch(p -> p.contains(phase)), phase + " in " + warnings);
            assertTrue(escalations.stream().anyMatch(p -> p.contains(phase)), phase + " in " + escalations);
        }
        // and each SMS reached the gateway once (the unit itself is not bothered with the departments' lateness)
        assertEquals(3, smsText(ZRZY_DUTY, code).size(), smsText(ZRZY_DUTY, code).toString());
        assertEquals(3, smsText(ZRZY_SUPERVISOR, code).size(), smsText(ZRZY_SUPERVISOR, code).toString());
        assertTrue(events(mobile).stream().noneMatch(e -> e.startsWith("DEADLINE") || e.startsWith("OVERDUE")));
    }

    static Map<String, Object> item(String itemCode, String name, List<String> prerequisites) {
        return Map.of("itemCode", itemCode, "itemName", name, "timeLimitDays", 5, "stage", "立项用地规划许可",
                "prerequisites", prerequisites);
    }

    static JsonPath list(String code, String dept) {
        return path(project(code), "approval.itemLists", "departmentCode", dept);
    }

    static JsonPath item(String code, String itemCode) {
        return path(project(code), "approval.items", "itemCode", itemCode);
    }

    static JsonPath path(JsonPath p, String array, String key, String value) {
        List<Map<String, Object>> rows = p.getList(array);
        for (int i = 0; i < rows.size(); i++) {
            if (value.equals(rows.get(i).get(key))) {
                return new JsonPath(p.prettify()).setRootPath(array + "[" + i + "]");
            }
        }
        throw new AssertionError("no " + key + " " + value + " in " + array);
    }

    /** Texts of the SMS the sandbox gateway got for that number that name this project. */
    static List<String> smsText(String mobile, String code) {
        List<Map<String, Object>> all = given().queryParam("mobile", mobile).get("/sandbox/sms").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return all.stream().map(m -> String.valueOf(m.get("text"))).filter(t -> t.contains(code)).toList();
    }

    static boolean sms(String mobile, String event, String subject, String code) {
        List<Map<String, Object>> all = given().queryParam("mobile", mobile).get("/sandbox/sms").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return all.stream().anyMatch(m -> event.equals(m.get("event")) && String.valueOf(m.get("text")).contains(subject)
                && String.valueOf(m.get("text")).contains(code));
    }
}
