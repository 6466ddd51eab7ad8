package cn.approvalbridge.hub.commitment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import cn.approvalbridge.hub.supervision.SupervisionChase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The commitment flow's escalations in the 13710 supervision system: an overdue follow-up check (告知承诺事后核查) and
 * an overdue 容缺 material each open exactly one case there, and the case closes once the check is recorded or the
 * material supplied — asked of the commitment watch's own "still owed" check, while a case of the same project that
 * is still owed stays open. The clock starts on Wednesday 2026-03-04.
 */
@QuarkusTest
class CommitmentCasesTest {

    static final CommitmentSteps API = CommitmentSteps.inProcess();

    @Inject
    TestClock clock;
    @Inject
    DeadlineMonitor monitor;
    @Inject
    SupervisionChase chase;
    @Inject
    SandboxApproval sandbox;

    @BeforeEach
    @AfterEach
    void reset() {
        clock.reset();
        sandbox.setWalk(false);
    }

    private void day(int days) {
        clock.advance(Duration.ofDays(days));
        monitor.check();
        chase.check();
    }

    @Test
    void anOverdueFollowUpCheckIsOneCaseClosedWhenTheCheckIsRecorded() {
        CommitmentSteps.Project p = acceptedOnCommitment();
        String id = p.declarationId();
        day(6); // Tuesday 03-10: the check (due Monday 03-09) is overdue
        day(1); // the chase's next tick: still owed, still open
        await().atMost(Duration.ofSeconds(20)).until(() -> cases(id, "告知承诺事后核查").size() == 1);
        Map<String, Object> k = cases(id, "告知承诺事后核查").get(0);
        assertEquals("STHJ", k.get("departmentCode"));
        assertEquals("OPEN", k.get("status"));
        assertEquals(1, cases(id, "").size(), "only the check was escalated: " + cases(id, ""));

        API.check(p, "STHJ-02", Map.of("outcome", "PASSED")).statusCode(202);
        chase.check();
        chase.check();
        await().atMost(Duration.ofSeconds(20)).until(() -> "CLOSED".equals(cases(id, "告知承诺事后核查").get(0).get("status")));
        List<Map<String, Object>> all = cases(id, "");
        assertEquals(1, all.size(), all.toString());
        assertEquals(1, all.get(0).get("timesReceived"));
        assertEquals("CLOSED", last(all.get(0)).get("type"));
    }

    @Test
    void anOverdue容缺MaterialIsOneCaseClosedWhenSuppliedWhileTheApprovalsOwnCaseStaysOpen() {
        CommitmentSteps.Project p = API.coded(API.declare(Fixtures.creditCode(), "ZRZY"));
        String id = p.declarationId();
        String code = p.code();
        String base = "/api/v1/projects/" + code;
        API.post("dept-ZRZY", base + "/item-lists", Map.of("items", List.of(Map.of("itemCode", "ZRZY-01", "itemName",
                "建设用地规划许可证核发", "timeLimitDays", 5, "stage", "立项用地规划许可", "prerequisites", List.of()))))
                .statusCode(202);
        API.post("window", base + "/materials", Map.of("submissionId", "S-" + id)).statusCode(202);
        API.post("dept-ZRZY", base + "/items/ZRZY-01/shortfall-acceptance", Map.of("missing", List.of("用地红线图")))
                .statusCode(202);
        day(8); // Thursday 03-12: the material (due 03-11) and the approval itself (also due 03-11) are escalated
        await().atMost(Duration.ofSeconds(20)).until(() -> cases(id, "容缺材料补交").size() == 1
                && cases(id, "").size() == 2);

        API.post("window", base + "/items/ZRZY-01/shortfall-materials", Map.of("materials", List.of("用地红线图")))
                .statusCode(202);
        chase.check();
        chase.check();
        await().atMost(Duration.ofSeconds(20)).until(() -> "CLOSED".equals(cases(id, "容缺材料补交").get(0).get("status")));
        List<Map<String, Object>> approval = cases(id, "审批办理");
        assertEquals(1, approval.size(), cases(id, "").toString());
        assertEquals("OPEN", approval.get(0).get("status"), "the approval is still owed");
        assertEquals(2, cases(id, "").size());
        cases(id, "").forEach(k -> assertEquals(1, k.get("timesReceived"), k.toString()));
    }

    /** STHJ-02 approved on a commitment whose check is due within 3 working days (Monday 03-09). */
    private static CommitmentSteps.Project acceptedOnCommitment() {
        CommitmentSteps.Project p = API.accepted(Fixtures.creditCode(), "STHJ-02",
                Map.of("commitmentAllowed", true, "checkWorkingDays", 3));
        API.commit(p, "STHJ-02").statusCode(202);
        API.approveOnCommitment(p, "STHJ-02");
        return p;
    }

    /** The cases the sandbox 13710 system has of the declaration whose matter contains {@code matter}. */
    static List<Map<String, Object>> cases(String declarationId, String matter) {
        List<Map<String, Object>> all = given().queryParam("declarationId", declarationId)
                .get("/sandbox/supervision/cases").then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(k -> String.valueOf(k.get("matter")).contains(matter)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> last(Map<String, Object> k) {
        List<Map<String, Object>> updates = (List<Map<String, Object>>) k.get("updates");
        return updates.get(updates.size() - 1);
    }
}
