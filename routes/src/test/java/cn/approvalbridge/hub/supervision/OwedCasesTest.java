package cn.approvalbridge.hub.supervision;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.TestClock;
import cn.approvalbridge.hub.platform.deadline.DeadlineMonitor;
import cn.approvalbridge.hub.sandbox.department.SandboxDepartments;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A 13710 case closes when its item is no longer owed, as the pre-review watch declares it: FGW and STHJ both stay
 * silent past their limit (one case each, Tuesday 2026-03-10); FGW then rejects the declaration. FGW has answered,
 * and STHJ, still silent, owes no opinion on a rejected declaration: both cases close.
 */
@QuarkusTest
class OwedCasesTest {

    @Inject
    TestClock clock;
    @Inject
    DeadlineMonitor monitor;
    @Inject
    SupervisionChase chase;
    @Inject
    SandboxDepartments departments;

    @AfterEach
    void reset() {
        clock.reset();
        departments.resetBehaviours();
    }

    private void day(int days) {
        clock.advance(Duration.ofDays(days));
        monitor.check();
        chase.check();
    }

    @Test
    void aSilentDepartmentsCaseClosesWhenAnotherDepartmentRejectsTheDeclaration() {
        departments.setBehaviour("FGW", new SandboxDepartments.Behaviour(SandboxDepartments.Rule.SILENCE, 0));
        departments.setBehaviour("STHJ", new SandboxDepartments.Behaviour(SandboxDepartments.Rule.SILENCE, 0));
        String id = SupervisionApi.declare(Fixtures.declaration(Fixtures.uniqueId("OW"), Fixtures.mobile(),
                List.of("FGW", "STHJ")));
        day(6); // Tuesday 03-10: both escalated
        day(1); // Wednesday: the chase reminds both; nothing is answered yet
        await().atMost(Duration.ofSeconds(20)).until(() -> SupervisionApi.cases(id).size() == 2);
        assertEquals(List.of("OPEN", "OPEN"), statuses(id));

        given().auth().preemptive().basic("dept-FGW", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("departmentCode", "FGW", "decision", "REJECT", "opinion", "不符合产业政策"))
                .post("/api/v1/declarations/" + id + "/pre-review-opinions").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "PRE_REVIEW_REJECTED".equals(SupervisionApi.declaration(id)
                .getString("status")));
        chase.check();
        chase.check();
        await().atMost(Duration.ofSeconds(20)).until(() -> statuses(id).equals(List.of("CLOSED", "CLOSED")));
        List<Map<String, Object>> cases = SupervisionApi.cases(id);
        assertEquals(2, cases.size(), cases.toString());
        assertEquals(List.of("FGW", "STHJ"),
                cases.stream().map(k -> (String) k.get("departmentCode")).sorted().toList());
        cases.forEach(k -> assertEquals(1, k.get("timesReceived"), k.toString()));
        assertEquals("CLOSED", SupervisionApi.declaration(id).getString(
                "supervision.cases.find { it.departmentCode == 'STHJ' }.status"));
        day(1); // a case closed is not reminded again
        assertEquals(List.of("CLOSED", "CLOSED"), statuses(id));
    }

    private static List<String> statuses(String id) {
        return SupervisionApi.cases(id).stream().map(k -> (String) k.get("status")).toList();
    }
}
