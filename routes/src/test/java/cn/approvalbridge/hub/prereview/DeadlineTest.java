package cn.approvalbridge.hub.prereview;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.TestClock;
import cn.approvalbridge.hub.platform.deadline.DeadlineMonitor;
import cn.approvalbridge.hub.sandbox.department.SandboxDepartments;
import cn.approvalbridge.hub.platform.store.Trail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A silent department is warned on the 2nd working day of 3 and escalated after its due day; each once.
 * Declared Wednesday 2026-03-04 10:00: due Monday 03-09, warned Friday 03-06, overdue Tuesday 03-10.
 */
@QuarkusTest
class DeadlineTest {

    @Inject
    TestClock clock;

    @Inject
    DeadlineMonitor monitor;

    @Inject
    SandboxDepartments departments;

    @Inject
    Trail trail;

    @AfterEach
    void reset() {
        clock.reset();
        departments.resetBehaviours();
    }

    @Test
    void silentDepartmentIsWarnedThenEscalatedOnce() {
        departments.setBehaviour("STHJ", new SandboxDepartments.Behaviour(SandboxDepartments.Rule.SILENCE, 0));
        String id = JourneyTest.declare(Fixtures.declaration(Fixtures.uniqueId("D"), Fixtures.mobile(),
                List.of("FGW", "STHJ")));
        await().atMost(Duration.ofSeconds(10)).until(() -> "PASS".equals(dept(id, "FGW").getString("decision")));

        monitor.check(); // Wednesday: nothing due
        assertNull(dept(id, "STHJ").get("warnedAt"));

        clock.advance(Duration.ofDays(2)); // Friday 03-06: the warning day
        monitor.check();
        assertNotNull(dept(id, "STHJ").get("warnedAt"));
        assertNull(dept(id, "FGW").get("warnedAt"));
        assertNull(dept(id, "STHJ").get("escalatedAt"));

        clock.advance(Duration.ofDays(3)); // Monday 03-09: due today, not yet overdue
        monitor.check();
        assertNull(dept(id, "STHJ").get("escalatedAt"));

        clock.advance(Duration.ofDays(1)); // Tuesday 03-10: overdue
        monitor.check();
        JsonPath sthj = dept(id, "STHJ");
        assertNotNull(sthj.get("escalatedAt"));
        assertEquals("OVERDUE", sthj.getString("status"));
        monitor.check();
        monitor.check();

        List<String> kinds = trail.entries(id).stream().map(Trail.Entry::kind).toList();
        assertEquals(1, kinds.stream().filter("DEADLINE_WARNING"::equals).count(), kinds.toString());
        assertEquals(1, kinds.stream().filter("OVERDUE_ESCALATION"::equals).count(), kinds.toString());
        assertTrue(trail.verify(trail.entries(id)));

        // the notices went to the result-notification function: warning to STHJ's duty desk, escalation to its supervisor
        await().atMost(Duration.ofSeconds(10)).until(() -> trail.entries(id).stream()
                .anyMatch(e -> e.kind().equals("NOTIFY_OVERDUE_ESCALATION") && e.payload().contains("13700000013")));
        assertTrue(trail.entries(id).stream()
                .anyMatch(e -> e.kind().equals("NOTIFY_DEADLINE_WARNING") && e.payload().contains("13700000003")));
        // and the function took both (SENT, or DEFERRED by its per-number limits: these numbers are fixed and the
        // test's days repeat every run); a pre-review project has no code yet, so the templates name it by name
        await().atMost(Duration.ofSeconds(10)).until(() -> trail.entries(id).stream()
                .filter(e -> e.kind().equals("NOTIFY_REPLY")).count() == 2);
        assertTrue(trail.entries(id).stream().filter(e -> e.kind().equals("NOTIFY_REPLY"))
                .allMatch(e -> e.payload().contains("\"SENT\"") || e.payload().contains("\"DEFERRED\"")),
                trail.entries(id).stream().filter(e -> e.kind().equals("NOTIFY_REPLY")).map(Trail.Entry::payload).toList()
                        .toString());
        assertEquals("PRE_REVIEW", JourneyTest.state(id).getString("status"));

        // ...and the SMS gateway received them: a project in pre-review has no code yet, so the templates must not need
        // one (they were dead-lettered as REJECTED when they did). The item names the declaration, unique to this run.
        await().atMost(Duration.ofSeconds(10)).until(() -> sandboxSms("13700000003").stream()
                .anyMatch(m -> "DEADLINE_WARNING".equals(m.get("event")) && String.valueOf(m.get("text")).contains(id)));
        await().atMost(Duration.ofSeconds(10)).until(() -> sandboxSms("13700000013").stream()
                .anyMatch(m -> "OVERDUE_ESCALATION".equals(m.get("event")) && String.valueOf(m.get("text")).contains(id)));
    }

    static List<java.util.Map<String, Object>> sandboxSms(String mobile) {
        return io.restassured.RestAssured.given().queryParam("mobile", mobile).get("/sandbox/sms").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    static JsonPath dept(String id, String code) {
        JsonPath s = JourneyTest.state(id);
        List<java.util.Map<String, Object>> depts = s.getList("departments");
        for (int i = 0; i < depts.size(); i++) {
            if (code.equals(depts.get(i).get("departmentCode"))) {
                return new JsonPath(s.prettify()).setRootPath("departments[" + i + "]");
            }
        }
        throw new AssertionError("no department " + code);
    }
}
