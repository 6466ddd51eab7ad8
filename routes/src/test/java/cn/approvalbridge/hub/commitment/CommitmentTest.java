package cn.approvalbridge.hub.commitment;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import cn.approvalbridge.hub.commitment.CommitmentSteps.Project;
import cn.approvalbridge.hub.platform.deadline.DeadlineMonitor;
import cn.approvalbridge.hub.sandbox.department.SandboxApproval;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Commitment-based approval (告知承诺制) as the window, the department, the unit, the supervisor, the credit system,
 * the investment platform and the staging tables see it: STHJ-01 allows a commitment by the catalogue (check within 10
 * working days); STHJ-02 by the department's own item list (check within 3).
 */
@QuarkusTest
class CommitmentTest {

    static final String SERIOUS = "91141002MA0CRD001Q";
    static final String STHJ_SUPERVISOR = "13700000013";

    static final CommitmentSteps API = CommitmentSteps.inProcess();

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

    @Test
    void anItemApprovedOnCommitmentWhoseCheckPasses() {
        Project p = API.accepted(Fixtures.creditCode(), "STHJ-01", Map.of());
        API.commit(p, "STHJ-01").statusCode(202);
        API.commit(p, "STHJ-01").statusCode(200);
        API.approveOnCommitment(p, "STHJ-01");
        JsonPath c = API.commitment(p, "STHJ-01");
        assertEquals("APPROVED", c.getString("status"));
        assertEquals("2026-03-18", c.getString("checkDueBy"), "10 working days from Wednesday 03-04");
        assertEquals(2, API.creditRequests(p.creditCode()), "asked at intake and again before the commitment");
        // the decision went on as any other, with the commitment noted in the 办结 row
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath s = API.staging(p.code());
            assertEquals(List.of("11"), s.getList("SPGL_XMSPSXBLXXXXB.findAll { it.BLZT == '11' }.BLZT"));
            assertTrue(s.getString("SPGL_XMSPSXBLXXXXB.find { it.BLZT == '11' }.BLYJ").contains("承诺书oss://window/c/"));
            assertEquals(1, s.getList("SPGL_XMSPSXPFWJXXB").size());
        });

        long doneBefore = API.counts().getLong("checksDone");
        API.check(p, "STHJ-01", Map.of("outcome", "PASSED")).statusCode(202);
        API.check(p, "STHJ-01", Map.of("outcome", "PASSED")).statusCode(200);
        API.check(p, "STHJ-01", Map.of("outcome", "FAILED", "reasons", "x")).statusCode(409).body("errors[0].code", equalTo("conflict"));
        assertEquals("PASSED", API.commitment(p, "STHJ-01").getString("checkOutcome"));
        assertEquals(doneBefore + 1, API.counts().getLong("checksDone"));
        // published without anyone's personal data
        String published = API.published(p)
                .body("[0].checkOutcome", equalTo("PASSED")).body("[0].unitName", equalTo("临汾市某物流有限公司"))
                .body("[0].textVersion", equalTo("2026-1")).extract().asString();
        assertFalse(published.contains(p.mobile()) || published.contains(p.creditCode()) || published.contains("王五"));
        assertEquals("APPROVED", API.item(p, "STHJ-01").getString("decision"));
    }

    @Test
    void aFailedCheckRevokesTheApprovalEverywhereTellsTheUnitAndReportsToTheCreditSystem() {
        Project p = API.accepted(Fixtures.creditCode(), "STHJ-01", Map.of());
        API.commit(p, "STHJ-01").statusCode(202);
        API.approveOnCommitment(p, "STHJ-01");
        long failedBefore = API.counts().getLong("checksFailed");
        API.check(p, "STHJ-01", Map.of("outcome", "FAILED")).statusCode(400).body("errors[0].field", equalTo("reasons"));
        API.check(p, "STHJ-01", Map.of("outcome", "FAILED", "reasons", "现场核查：未按承诺落实环保设施")).statusCode(202);

        assertEquals("REVOKED", API.commitment(p, "STHJ-01").getString("status"));
        assertEquals("REVOKED", API.item(p, "STHJ-01").getString("decision"));
        assertEquals(failedBefore + 1, API.counts().getLong("checksFailed"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(List.of("15"), API.staging(p.code()).getList("SPGL_XMSPSXBLXXXXB.findAll { it.BLZT == '15' }.BLZT"));
            List<Map<String, Object>> results = API.platformResults(p);
            assertTrue(results.stream().anyMatch(r -> "STHJ-01:REVOKED".equals(r.get("spsxbm"))
                    && String.valueOf(r.get("body")).contains("撤销")), results.toString());
            assertEquals(1, API.events(p.mobile()).stream().filter("COMMITMENT_REVOKED"::equals).count());
            List<Map<String, Object>> reports = API.creditReports(p.creditCode());
            assertEquals(1, reports.size());
            assertTrue(String.valueOf(reports.get(0).get("body")).contains("DISHONEST_COMMITMENT"));
        });
        List<String> kinds = API.trailKinds(p);
        assertTrue(kinds.contains("APPROVAL_REVOKED") && kinds.contains("DISHONEST_COMMITMENT_REPORTED"), kinds.toString());
    }

    @Test
    void aCheckNotRecordedInTimeIsWarnedThenEscalated() {
        Map<String, Object> terms = Map.of("commitmentAllowed", true, "checkWorkingDays", 3);
        Project p = API.accepted(Fixtures.creditCode(), "STHJ-02", terms);
        API.commit(p, "STHJ-02").statusCode(202);
        API.approveOnCommitment(p, "STHJ-02");
        assertEquals("2026-03-09", API.commitment(p, "STHJ-02").getString("checkDueBy"), "the department's 3 working days");
        clock.advance(Duration.ofDays(2)); // Friday 03-06: warning day
        monitor.check();
        assertNotNull(API.commitment(p, "STHJ-02").get("checkWarnedAt"));
        assertNull(API.commitment(p, "STHJ-02").get("checkEscalatedAt"));
        clock.advance(Duration.ofDays(4)); // Tuesday 03-10: overdue
        monitor.check();
        monitor.check();
        assertNotNull(API.commitment(p, "STHJ-02").get("checkEscalatedAt"));
        List<String> escalations = API.escalations(p);
        assertEquals(1, escalations.size(), escalations.toString());
        assertTrue(escalations.get(0).contains("COMMITMENT_CHECK"));
        await().atMost(Duration.ofSeconds(15)).until(() -> API.got(STHJ_SUPERVISOR, "OVERDUE_ESCALATION", "告知承诺事后核查",
                p.code()));
        // the board counts it among the overdue checks until the department records it (the store may hold other
        // runs' commitments overdue on the same day, so the count is compared before and after this one's check)
        long overdue = API.counts().getLong("checksOverdue");
        API.check(p, "STHJ-02", Map.of("outcome", "PASSED")).statusCode(202);
        assertEquals(overdue - 1, API.counts().getLong("checksOverdue"));
    }

    @Test
    void aDishonestUnitIsRefusedACommitmentButStillServedOtherwise() {
        Project p = API.accepted(SERIOUS, "STHJ-01", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> "SERIOUS_DISHONESTY".equals(API.project(p.code())
                .getString("creditCheck.status")));
        API.commit(p, "STHJ-01").statusCode(409).body("errors[0].code", equalTo("credit_not_allowed"))
                .body("errors[0].message", containsString("SX-0CRD001Q"));
        // the department approves the ordinary way
        API.post("dept-STHJ", p.base() + "/approval-results", Map.of("itemCode", "STHJ-01", "decision", "APPROVED",
                "documentNumber", "尧环审〔2026〕7号", "documentDate", "2026-03-04")).statusCode(202);
        assertEquals("APPROVED", API.item(p, "STHJ-01").getString("decision"));
        assertTrue(API.trailKinds(p).contains("COMMITMENT_REFUSED"));
    }

    @Test
    void anItemNotGrantedOnCommitmentRefusesOne() {
        Project p = API.accepted(Fixtures.creditCode(), "STHJ-03", Map.of());
        API.commit(p, "STHJ-03").statusCode(409).body("errors[0].code", equalTo("commitment_not_allowed"));
        API.post("window", p.base() + "/items/STHJ-03/commitment", Map.of("textVersion", "1")).statusCode(400)
                .body("errors[0].field", equalTo("documentRef"));
    }
}
