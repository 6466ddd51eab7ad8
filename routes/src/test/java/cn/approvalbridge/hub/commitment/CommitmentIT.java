package cn.approvalbridge.hub.commitment;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.HubProcess;
import cn.approvalbridge.hub.commitment.CommitmentSteps.Project;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * 告知承诺制 and 容缺受理 on the packaged hub (embedded defaults, sandbox partners), as the window, the departments, the
 * unit, the supervisor and the sandbox partners observe them over HTTP. One hub for the class: the projects are declared
 * together; the last test moves the sandbox clock (POST /sandbox/clock) over the limits still open, so it runs last.
 * The deadline monitors tick every second here (hub.deadlines.check-interval).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommitmentIT {

    /** Sandbox credit test codes (hub.sandbox.credit.serious-codes / warning-codes). */
    static final String SERIOUS = "91141002MA0CRD001Q";
    static final String STHJ_DUTY = "13700000003";
    static final String STHJ_SUPERVISOR = "13700000013";
    static final String ZRZY_DUTY = "13700000002";
    static final String ZRZY_SUPERVISOR = "13700000012";

    HubProcess hub;
    CommitmentSteps api;
    Project passes;
    Project fails;
    Project dishonest;
    Project completed;
    Project overdue;
    Project late;

    @BeforeAll
    void start() throws Exception {
        hub = new HubProcess(Path.of("target", "commitment-" + System.currentTimeMillis()).toAbsolutePath());
        hub.start("hub.deadlines.check-interval=1s");
        api = CommitmentSteps.at(hub.base());
        // declared together: their pre-reviews and coding run side by side
        Project[] declared = { api.declare(Fixtures.creditCode(), "STHJ"), api.declare(Fixtures.creditCode(), "STHJ"),
                api.declare(SERIOUS, "STHJ"), api.declare(Fixtures.creditCode(), "ZRZY"),
                api.declare(Fixtures.creditCode(), "STHJ"), api.declare(Fixtures.creditCode(), "ZRZY") };
        passes = api.coded(declared[0]);
        fails = api.coded(declared[1]);
        dishonest = api.coded(declared[2]);
        completed = api.coded(declared[3]);
        overdue = api.coded(declared[4]);
        late = api.coded(declared[5]);
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    @Order(1)
    void anItemApprovedOnCommitmentWhoseCheckPassesIsPublishedAndCounted() {
        api.accept(passes, "STHJ-01", Map.of());
        JsonPath before = api.counts();
        api.commit(passes, "STHJ-01").statusCode(202);
        api.approveOnCommitment(passes, "STHJ-01");
        JsonPath c = api.commitment(passes, "STHJ-01");
        assertEquals("APPROVED", c.getString("status"));
        assertNotNull(c.getString("checkDueBy"));
        assertEquals(2, api.creditRequests(passes.creditCode()), "asked at intake and again before the commitment");
        assertEquals(before.getLong("approvedOnCommitment") + 1, api.counts().getLong("approvedOnCommitment"));
        assertEquals(before.getLong("checksDue") + 1, api.counts().getLong("checksDue"));
        // BLZT 11 (办结) with the commitment noted, and the approval document
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath s = api.staging(passes.code());
            assertEquals(List.of("11"), s.getList("SPGL_XMSPSXBLXXXXB.findAll { it.BLZT == '11' }.BLZT"));
            assertTrue(s.getString("SPGL_XMSPSXBLXXXXB.find { it.BLZT == '11' }.BLYJ").contains("告知承诺：承诺书oss://window/c/"),
                    s.prettify());
            assertEquals(1, s.getList("SPGL_XMSPSXPFWJXXB").size());
        });

        api.check(passes, "STHJ-01", Map.of("outcome", "PASSED")).statusCode(202);
        assertEquals("PASSED", api.commitment(passes, "STHJ-01").getString("checkOutcome"));
        JsonPath after = api.counts();
        assertEquals(before.getLong("checksDone") + 1, after.getLong("checksDone"));
        assertEquals(before.getLong("checksDue"), after.getLong("checksDue"));
        assertEquals(before.getLong("checksFailed"), after.getLong("checksFailed"));
        // published to anyone, without the unit's contact or credit code
        String published = api.published(passes).body("size()", equalTo(1)).body("[0].itemCode", equalTo("STHJ-01"))
                .body("[0].checkOutcome", equalTo("PASSED")).body("[0].status", equalTo("APPROVED"))
                .body("[0].unitName", equalTo("临汾市某物流有限公司")).body("[0].textVersion", equalTo("2026-1"))
                .extract().asString();
        assertFalse(published.contains(passes.mobile()) || published.contains(passes.creditCode())
                || published.contains("王五"), published);
        assertEquals("APPROVED", api.item(passes, "STHJ-01").getString("decision"));
    }

    @Test
    @Order(2)
    void aFailedCheckRevokesTheApprovalEverywhereTellsTheUnitAndTheCreditSystem() {
        api.accept(fails, "STHJ-01", Map.of());
        api.commit(fails, "STHJ-01").statusCode(202);
        api.approveOnCommitment(fails, "STHJ-01");
        long failedBefore = api.counts().getLong("checksFailed");
        api.check(fails, "STHJ-01", Map.of("outcome", "FAILED", "reasons", "现场核查：未按承诺落实环保设施")).statusCode(202);

        assertEquals("REVOKED", api.commitment(fails, "STHJ-01").getString("status"));
        assertEquals("REVOKED", api.item(fails, "STHJ-01").getString("decision"));
        assertEquals(failedBefore + 1, api.counts().getLong("checksFailed"));
        api.published(fails).body("[0].checkOutcome", equalTo("FAILED")).body("[0].status", equalTo("REVOKED"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath s = api.staging(fails.code());
            assertEquals(List.of("11", "15"), s.getList("SPGL_XMSPSXBLXXXXB.findAll { it.BLZT in ['11', '15'] }.BLZT"),
                    s.prettify());
            List<Map<String, Object>> results = api.platformResults(fails);
            assertTrue(results.stream().anyMatch(r -> "STHJ-01:REVOKED".equals(r.get("spsxbm"))
                    && String.valueOf(r.get("body")).contains("撤销")), results.toString());
            assertTrue(api.got(fails.mobile(), "COMMITMENT_REVOKED"), api.sms(fails.mobile()).toString());
            List<Map<String, Object>> reports = api.creditReports(fails.creditCode());
            assertEquals(1, reports.size(), reports.toString());
            assertTrue(String.valueOf(reports.get(0).get("body")).contains("DISHONEST_COMMITMENT"), reports.toString());
        });
        assertEquals(1, api.events(fails.mobile()).stream().filter("COMMITMENT_REVOKED"::equals).count());
        List<String> kinds = api.trailKinds(fails);
        assertTrue(kinds.contains("APPROVAL_REVOKED") && kinds.contains("DISHONEST_COMMITMENT_REPORTED"), kinds.toString());
    }

    @Test
    @Order(3)
    void aDishonestUnitIsRefusedACommitmentButStillServedOtherwise() {
        // its declaration went on (pre-review, code, item list); the credit check at intake is on its view
        await().atMost(Duration.ofSeconds(30)).until(() -> "SERIOUS_DISHONESTY".equals(api.project(dishonest.code())
                .getString("creditCheck.status")));
        assertEquals("SX-0CRD001Q", api.project(dishonest.code()).getString("creditCheck.recordId"));
        api.accept(dishonest, "STHJ-01", Map.of());
        api.commit(dishonest, "STHJ-01").statusCode(409).body("errors[0].code", equalTo("credit_not_allowed"))
                .body("errors[0].message", containsString("SX-0CRD001Q"));
        api.published(dishonest).body("size()", equalTo(0));
        // the department approves the ordinary way, and the flow goes on as for anyone
        api.post("dept-STHJ", dishonest.base() + "/approval-results", Map.of("itemCode", "STHJ-01", "decision",
                "APPROVED", "documentNumber", "尧环审〔2026〕7号", "documentDate", "2026-03-04")).statusCode(202);
        assertEquals("APPROVED", api.item(dishonest, "STHJ-01").getString("decision"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals(List.of("11"), api.staging(dishonest.code())
                    .getList("SPGL_XMSPSXBLXXXXB.findAll { it.BLZT == '11' }.BLZT"));
            assertTrue(api.platformResults(dishonest).stream().anyMatch(r -> "STHJ-01".equals(r.get("spsxbm"))));
        });
        assertTrue(api.trailKinds(dishonest).contains("COMMITMENT_REFUSED"));
    }

    @Test
    @Order(4)
    void materialsAcceptedMissingArriveInTimeAndTheApprovalIs容缺通过() {
        api.submitted(completed, "ZRZY", "ZRZY-01", Map.of());
        String base = completed.base();
        api.post("dept-ZRZY", base + "/items/ZRZY-01/shortfall-acceptance",
                Map.of("missing", List.of("用地红线图", "土地出让合同"))).statusCode(202);
        String dueBy = String.valueOf(api.shortfalls(completed).get(0).get("dueBy"));
        // one SMS names both and their day
        await().atMost(Duration.ofSeconds(30)).until(() -> api.got(completed.mobile(), "MATERIALS_SHORTFALL",
                "用地红线图（" + dueBy + "前）", "土地出让合同（" + dueBy + "前）"));
        assertEquals(1, api.events(completed.mobile()).stream().filter("MATERIALS_SHORTFALL"::equals).count());

        api.post("window", base + "/items/ZRZY-01/shortfall-materials", Map.of("materials", List.of("用地红线图")))
                .statusCode(202);
        api.post("window", base + "/items/ZRZY-01/shortfall-materials", Map.of("materials", List.of("土地出让合同")))
                .statusCode(202);
        api.shortfalls(completed).forEach(s -> assertNotNull(s.get("suppliedAt"), s.toString()));
        assertTrue(api.trailKinds(completed).contains("SHORTFALL_COMPLETED"));
        api.post("dept-ZRZY", base + "/approval-results", Map.of("itemCode", "ZRZY-01", "decision", "APPROVED",
                "documentNumber", "尧自然资〔2026〕9号", "documentDate", "2026-03-14")).statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of("1", "3", "12"),
                api.staging(completed.code()).getList("SPGL_XMSPSXBLXXXXB.BLZT")));
    }

    /** Runs last: it moves the hub's clock. */
    @Test
    @Order(5)
    void anOverdueCheckAndOverdueMaterialsAreWarnedEscalatedAndCasedAt13710() {
        // STHJ's own item list: STHJ-02 on commitment, checked within 2 working days; ZRZY lets 用地红线图 come in 2
        api.accept(overdue, "STHJ-02", Map.of("commitmentAllowed", true, "checkWorkingDays", 2));
        api.commit(overdue, "STHJ-02").statusCode(202);
        api.approveOnCommitment(overdue, "STHJ-02");
        api.submitted(late, "ZRZY", "ZRZY-01", Map.of("deferrableMaterials",
                List.of(Map.of("name", "用地红线图", "workingDays", 2))));
        api.post("dept-ZRZY", late.base() + "/items/ZRZY-01/shortfall-acceptance", Map.of("missing", List.of("用地红线图")))
                .statusCode(202);
        LocalDate checkDue = LocalDate.parse(api.commitment(overdue, "STHJ-02").getString("checkDueBy"));
        LocalDate materialDue = LocalDate.parse(String.valueOf(api.shortfalls(late).get(0).get("dueBy")));
        assertEquals(checkDue, materialDue, "both 2 working days from today");
        JsonPath before = api.counts();

        // the due day: warned (the department's duty desk), not escalated
        advanceTo(checkDue);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.commitment(overdue, "STHJ-02").get("checkWarnedAt") != null
                && api.shortfalls(late).get(0).get("warnedAt") != null);
        assertNull(api.commitment(overdue, "STHJ-02").get("checkEscalatedAt"));
        assertNull(api.shortfalls(late).get(0).get("escalatedAt"));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.got(STHJ_DUTY, "DEADLINE_WARNING", "告知承诺事后核查",
                overdue.code()) && api.got(ZRZY_DUTY, "DEADLINE_WARNING", "容缺材料补交：用地红线图", late.code()));

        // the day after: escalated to the supervisors, counted overdue, each a case at the 13710 system
        advanceTo(checkDue.plusDays(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.commitment(overdue, "STHJ-02").get("checkEscalatedAt") != null
                && api.shortfalls(late).get(0).get("escalatedAt") != null);
        JsonPath after = api.counts();
        assertEquals(before.getLong("checksOverdue") + 1, after.getLong("checksOverdue"));
        assertEquals(before.getLong("shortfallsOverdue") + 1, after.getLong("shortfallsOverdue"));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.got(STHJ_SUPERVISOR, "OVERDUE_ESCALATION", "告知承诺事后核查",
                overdue.code()) && api.got(ZRZY_SUPERVISOR, "OVERDUE_ESCALATION", "容缺材料补交：用地红线图", late.code()));
        assertEquals(1, api.escalations(overdue).stream().filter(e -> e.contains("\"COMMITMENT_CHECK\"")).count());
        assertEquals(1, api.escalations(late).stream().filter(e -> e.contains("\"SHORTFALL\"")).count());
        await().atMost(Duration.ofSeconds(30)).until(() -> openCase(overdue, "STHJ", "告知承诺事后核查") != null
                && openCase(late, "ZRZY", "容缺材料补交：用地红线图") != null);

        // answered late, the cases close
        api.check(overdue, "STHJ-02", Map.of("outcome", "PASSED")).statusCode(202);
        api.post("window", late.base() + "/items/ZRZY-01/shortfall-materials", Map.of("materials", List.of("用地红线图")))
                .statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> status(overdue, "告知承诺事后核查").equals("CLOSED")
                && status(late, "容缺材料补交").equals("CLOSED"));

        // nobody was chased for what was answered in time
        assertTrue(api.escalations(passes).stream().noneMatch(e -> e.contains("COMMITMENT_CHECK")), api.escalations(passes)
                .toString());
        assertTrue(api.escalations(completed).stream().noneMatch(e -> e.contains("\"SHORTFALL\"")),
                api.escalations(completed).toString());
        api.shortfalls(completed).forEach(s -> assertNull(s.get("warnedAt"), s.toString()));
    }

    /** The declaration's one case at the sandbox 13710 system about {@code matter}, while it is open. */
    private Map<String, Object> openCase(Project p, String department, String matter) {
        List<Map<String, Object>> cases = api.supervisionCases(p).stream()
                .filter(k -> String.valueOf(k.get("matter")).contains(matter)).toList();
        assertTrue(cases.size() <= 1, cases.toString());
        if (cases.isEmpty() || !"OPEN".equals(cases.get(0).get("status"))) {
            return null;
        }
        assertEquals(department, cases.get(0).get("departmentCode"), cases.toString());
        return cases.get(0);
    }

    private String status(Project p, String matter) {
        return api.supervisionCases(p).stream().filter(k -> String.valueOf(k.get("matter")).contains(matter))
                .map(k -> String.valueOf(k.get("status"))).findFirst().orElse("NONE");
    }

    /** Moves the sandbox clock forward to that day (Beijing time), if it is not there yet. */
    private void advanceTo(LocalDate day) {
        LocalDate today = OffsetDateTime.parse(api.given().get("/sandbox/clock").then().statusCode(200).extract()
                .path("now")).toLocalDate();
        long days = day.toEpochDay() - today.toEpochDay();
        if (days > 0) {
            api.as("operator").contentType(ContentType.JSON).body(Map.of("advanceDays", days)).post("/sandbox/clock")
                    .then().statusCode(200);
        }
    }
}
