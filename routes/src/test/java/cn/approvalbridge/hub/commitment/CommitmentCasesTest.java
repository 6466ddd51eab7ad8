package cn.approvalbridge.hub.commitment;

import static cn.approvalbridge.hub.commitment.CommitmentTest.approveOnCommitment;
import static cn.approvalbridge.hub.commitment.CommitmentTest.check;
import static cn.approvalbridge.hub.commitment.CommitmentTest.coded;
import static cn.approvalbridge.hub.commitment.CommitmentTest.commit;
import static cn.approvalbridge.hub.commitment.CommitmentTest.post;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        String id = Fixtures.uniqueId("CC");
        CommitmentTest.Project p = acceptedOnCommitment(id);
        day(6); // Tuesday 03-10: the check (due Monday 03-09) is overdue
        day(1); // the chase's next tick: still owed, still open
        await().atMost(Duration.ofSeconds(20)).until(() -> cases(id, "告知承诺事后核查").size() == 1);
        Map<String, Object> k = cases(id, "告知承诺事后核查").get(0);
        assertEquals("STHJ", k.get("departmentCode"));
        assertEquals("OPEN", k.get("status"));
        assertEquals(1, cases(id, "").size(), "only the check was escalated: " + cases(id, ""));

        check(p, "STHJ-02", Map.of("outcome", "PASSED")).statusCode(202);
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
        String id = Fixtures.uniqueId("CS");
        String code = coded(id, Fixtures.declaration(id, Fixtures.mobile(), List.of("ZRZY")));
        String base = "/api/v1/projects/" + code;
        post("dept-ZRZY", base + "/item-lists", Map.of("items", List.of(Map.of("itemCode", "ZRZY-01", "itemName",
                "建设用地规划许可证核发", "timeLimitDays", 5, "stage", "立项用地规划许可", "prerequisites", List.of()))))
                .statusCode(202);
        post("window", base + "/materials", Map.of("submissionId", "S-" + id)).statusCode(202);
        post("dept-ZRZY", base + "/items/ZRZY-01/shortfall-acceptance", Map.of("missing", List.of("用地红线图")))
                .statusCode(202);
        day(8); // Thursday 03-12: the material (due 03-11) and the approval itself (also due 03-11) are escalated
        await().atMost(Duration.ofSeconds(20)).until(() -> cases(id, "容缺材料补交").size() == 1
                && cases(id, "").size() == 2);

        post("window", base + "/items/ZRZY-01/shortfall-materials", Map.of("materials", List.of("用地红线图")))
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
    private static CommitmentTest.Project acceptedOnCommitment(String id) {
        String mobile = Fixtures.mobile();
        Map<String, Object> d = new HashMap<>(Fixtures.declaration(id, mobile, List.of("STHJ")));
        @SuppressWarnings("unchecked")
        Map<String, Object> unit = new HashMap<>((Map<String, Object>) d.get("unit"));
        String creditCode = Fixtures.creditCode();
        unit.put("creditCode", creditCode);
        d.put("unit", unit);
        CommitmentTest.Project p = new CommitmentTest.Project(coded(id, d), mobile, creditCode);
        post("dept-STHJ", p.base() + "/item-lists", Map.of("items", List.of(Map.of("itemCode", "STHJ-02", "itemName",
                "建设项目环境影响评价审批", "timeLimitDays", 10, "stage", "工程建设许可", "prerequisites", List.of(),
                "commitmentAllowed", true, "checkWorkingDays", 3)))).statusCode(202);
        post("window", p.base() + "/materials", Map.of("submissionId", "S-" + id)).statusCode(202);
        post("dept-STHJ", p.base() + "/material-reviews", Map.of("itemCode", "STHJ-02", "decision", "ACCEPTED"))
                .statusCode(202);
        commit(p, "STHJ-02").statusCode(202);
        approveOnCommitment(p, "STHJ-02");
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
