package cn.approvalbridge.hub.supervision;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.TestClock;
import cn.approvalbridge.hub.platform.deadline.DeadlineMonitor;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.sandbox.department.SandboxDepartments;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A silent department through the whole chase. Declared Wednesday 2026-03-04: warned Friday 03-06, escalated Tuesday
 * 03-10 (one 13710 case), reminded Wednesday, Thursday and Friday (one working day apart), the interview recorded on
 * Monday 03-16 (the weekend does not count), and the case closed once the department answers.
 */
@QuarkusTest
class SupervisionChaseTest {

    private static final String STHJ_DUTY = "13700000003";
    private static final String STHJ_SUPERVISOR = "13700000013";

    @Inject
    TestClock clock;
    @Inject
    DeadlineMonitor monitor;
    @Inject
    SupervisionChase chase;
    @Inject
    SandboxDepartments departments;
    @Inject
    Trail trail;
    @Inject
    SupervisionCases cases;
    @Inject
    CaseMetrics metrics;
    @Inject
    cn.approvalbridge.support.Db db;

    @AfterEach
    void reset() {
        clock.reset();
        departments.resetBehaviours();
        SupervisionApi.system("UP");
    }

    private String silentSthj() {
        departments.setBehaviour("STHJ", new SandboxDepartments.Behaviour(SandboxDepartments.Rule.SILENCE, 0));
        String id = SupervisionApi.declare(Fixtures.declaration(Fixtures.uniqueId("SV"), Fixtures.mobile(),
                List.of("FGW", "STHJ")));
        await().atMost(Duration.ofSeconds(20)).until(() -> "PASS".equals(SupervisionApi.decision(id, "FGW")));
        return id;
    }

    /** Moves the clock {@code days} forward and runs both checks, as their next tick would. */
    private void day(int days) {
        clock.advance(Duration.ofDays(days));
        monitor.check();
        chase.check();
    }

    @Test
    void silentDepartmentIsChasedToAnInterviewAndTheCaseClosesWhenItAnswers() {
        String id = silentSthj();
        day(2); // Friday: the warning, no case
        assertTrue(SupervisionApi.cases(id).isEmpty());
        assertTrue(SupervisionApi.declaration(id).getList("supervision.cases").isEmpty());
        day(4); // Tuesday 03-10: the escalation opens the case; its first reminder is a working day on
        assertEquals("OPEN", caseView(id).getString("status"));
        assertEquals(0, caseView(id).getInt("reminders"));
        assertEquals("2026-03-11", caseView(id).getString("nextStepOn"));
        assertGaugeIsTheStore();
        await().atMost(Duration.ofSeconds(20)).until(() -> SupervisionApi.cases(id).size() == 1);
        Map<String, Object> opened = SupervisionApi.cases(id).get(0);
        assertEquals("STHJ", opened.get("departmentCode"));
        assertEquals("2026-03-09", opened.get("dueDate"));
        assertEquals(1, opened.get("overdueWorkingDays"));
        String caseId = (String) opened.get("caseId");

        day(1); // Wednesday: reminder 1
        assertEquals(1, caseView(id).getInt("reminders"));
        chase.check(); // each once
        assertEquals(1, caseView(id).getInt("reminders"));
        day(1); // Thursday: 2
        day(1); // Friday: 3
        assertEquals(3, caseView(id).getInt("reminders"));
        day(1); // Saturday
        day(1); // Sunday
        assertNull(caseView(id).get("interviewedAt"));
        day(1); // Monday 03-16: the interview
        assertNotNull(caseView(id).get("interviewedAt"));
        day(1); // nothing more while the department stays silent
        chase.check();
        assertEquals(5, caseView(id).getList("updates").size()); // OPENED, 3 REMINDER, INTERVIEW

        SupervisionApi.answer(id, "STHJ");
        chase.check(); // closed
        chase.check();
        assertEquals("CLOSED", caseView(id).getString("status"));
        assertGaugeIsTheStore();

        // the 13710 system got one case with its five updates, each once and in order
        await().atMost(Duration.ofSeconds(30)).until(() -> ((List<?>) SupervisionApi.cases(id).get(0).get("updates"))
                .size() == 5);
        List<Map<String, Object>> all = SupervisionApi.cases(id);
        assertEquals(1, all.size());
        Map<String, Object> k = all.get(0);
        assertEquals(caseId, k.get("caseId"));
        assertEquals(1, k.get("timesReceived"));
        assertEquals("CLOSED", k.get("status"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> updates = (List<Map<String, Object>>) k.get("updates");
        assertEquals(List.of("REMINDER", "REMINDER", "REMINDER", "INTERVIEW", "CLOSED"),
                updates.stream().map(u -> u.get("type")).toList());
        assertEquals(List.of(1, 2, 3, 4, 5), updates.stream().map(u -> u.get("seq")).toList());
        assertTrue(updates.stream().allMatch(u -> Integer.valueOf(1).equals(u.get("timesReceived"))), updates.toString());
        assertEquals(List.of(1, 2, 3), updates.subList(0, 3).stream().map(u -> u.get("reminder")).toList());
        assertEquals("生态环境局主要负责人", updates.get(3).get("interviewee"));
        assertEquals(5, updates.get(3).get("overdueWorkingDays")); // 03-10 .. 03-16: five working days late

        // the trail and the project's view say the same, each step once
        List<String> kinds = trail.entries(id).stream().map(Trail.Entry::kind).toList();
        assertEquals(1, kinds.stream().filter("SUPERVISION_CASE_OPENED"::equals).count(), kinds.toString());
        assertEquals(3, kinds.stream().filter("SUPERVISION_REMINDER"::equals).count(), kinds.toString());
        assertEquals(1, kinds.stream().filter("SUPERVISION_INTERVIEW"::equals).count(), kinds.toString());
        assertEquals(1, kinds.stream().filter("SUPERVISION_CASE_CLOSED"::equals).count(), kinds.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> trail.entries(id).stream()
                .filter(e -> e.kind().equals("SUPERVISION_DELIVERED")).count() == 6);
        assertTrue(trail.verify(trail.entries(id)));
        JsonPath view = SupervisionApi.declaration(id);
        assertEquals("CLOSED", view.getString("supervision.cases[0].status"));
        assertEquals(3, view.getInt("supervision.cases[0].reminders"));
        assertEquals(6, view.getList("supervision.cases[0].updates").size());

        // the duty desk got the three reminders, the supervisor the interview
        await().atMost(Duration.ofSeconds(20)).until(() -> SupervisionApi.sms(STHJ_DUTY).stream()
                .filter(m -> "SUPERVISION_REMINDER".equals(m.get("event")) && String.valueOf(m.get("text")).contains(id))
                .count() == 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> SupervisionApi.sms(STHJ_SUPERVISOR).stream()
                .anyMatch(m -> "SUPERVISION_INTERVIEW".equals(m.get("event"))
                        && String.valueOf(m.get("text")).contains(id) && String.valueOf(m.get("text")).contains("生态环境局")));
    }

    @Test
    void aCaseOpenedWhileTheSystemIsDownIsDeliveredOnceWithItsUpdatesInOrder() {
        String id = silentSthj();
        SupervisionApi.system("DOWN");
        int refusedBefore = SupervisionApi.refused();
        day(6); // Tuesday 03-10: escalated, the case waits for the system
        await().atMost(Duration.ofSeconds(30)).until(() -> SupervisionApi.refused() >= refusedBefore + 2);
        day(1); // Wednesday: a reminder, queued behind the opening
        assertEquals(1, caseView(id).getInt("reminders"));
        assertTrue(SupervisionApi.cases(id).isEmpty());

        SupervisionApi.system("UP");
        await().atMost(Duration.ofSeconds(60)).until(() -> !SupervisionApi.cases(id).isEmpty()
                && ((List<?>) SupervisionApi.cases(id).get(0).get("updates")).size() == 1);
        Map<String, Object> k = SupervisionApi.cases(id).get(0);
        assertEquals(1, k.get("timesReceived"));
        @SuppressWarnings("unchecked")
        Map<String, Object> reminder = ((List<Map<String, Object>>) k.get("updates")).get(0);
        assertEquals("REMINDER", reminder.get("type"));
        assertEquals(1, reminder.get("timesReceived"));
        assertTrue(Fixtures.deadLettersAbout((String) k.get("caseId")).isEmpty());
        SupervisionApi.answer(id, "STHJ");
        chase.check();
    }

    @Test
    void theSupervisionSystemsFeedbackIsStoredAndShown() {
        String id = silentSthj();
        day(6);
        String caseId = SupervisionCases.caseId("OVERDUE_ESCALATION:" + id + ":STHJ");
        Map<String, Object> body = Map.of("caseId", caseId, "instructions", "请生态环境局于3月13日前办结并书面说明原因",
                "deadline", "2026-03-13", "feedbackId", Fixtures.uniqueId("FB"));
        feedback("supervision", body).then().statusCode(202).body("status", equalTo("RECEIVED"));
        feedback("supervision", body).then().statusCode(200);
        feedback("window", body).then().statusCode(403);
        feedback("supervision", Map.of("caseId", caseId, "deadline", "2026-13-01")).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("instructions", "deadline"));
        feedback("supervision", Map.of("caseId", "SV-NONE", "instructions", "x")).then().statusCode(404)
                .body("errors[0].field", equalTo("caseId"));

        JsonPath view = SupervisionApi.declaration(id);
        assertEquals(caseId, view.getString("supervision.cases[0].caseId"));
        assertEquals("2026-03-13", view.getString("supervision.cases[0].feedback[0].deadline"));
        assertEquals("请生态环境局于3月13日前办结并书面说明原因", view.getString("supervision.cases[0].feedback[0].instructions"));
        assertEquals(1, trail.entries(id).stream().filter(e -> e.kind().equals("SUPERVISION_FEEDBACK")).count());
        SupervisionApi.answer(id, "STHJ");
        chase.check();
    }

    /** The declaration's one supervision case as the window sees it (an empty path when it has none). */
    private static JsonPath caseView(String id) {
        JsonPath view = SupervisionApi.declaration(id);
        assertTrue(view.getList("supervision.cases").size() <= 1, view.prettify());
        return view.getList("supervision.cases").isEmpty() ? new JsonPath("{}")
                : new JsonPath(view.prettify()).setRootPath("supervision.cases[0]");
    }

    /** The metric a Grafana board reads is the store's count of open cases (every test shares the store). */
    private void assertGaugeIsTheStore() {
        metrics.refresh();
        assertEquals(db.read(cases::openByDepartment).getOrDefault("STHJ", 0).doubleValue(),
                SupervisionApi.openCases("STHJ"));
    }

    private static io.restassured.response.Response feedback(String who, Map<String, Object> body) {
        return given().auth().preemptive().basic(who, "sandbox").contentType(ContentType.JSON).body(body)
                .post("/api/v1/supervision/feedback");
    }
}
