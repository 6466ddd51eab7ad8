package cn.approvalbridge.hub.supervision;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
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
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.sandbox.department.SandboxApproval;
import cn.approvalbridge.hub.sandbox.department.SandboxDepartments;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The ledger (台账) as the window, the supervisors and a department read it, and the whole-project limit by class: a
 * small social-investment project (40 working days) whose pre-review department never answers is warned on the
 * working day that uses 2/3 of it and escalated after its due day, each once.
 */
@QuarkusTest
class LedgerTest {

    static final String PROJECT_DESK = "13700000090";
    static final String PROJECT_SUPERVISOR = "13700000091";

    @Inject
    TestClock clock;

    @Inject
    DeadlineMonitor monitor;

    @Inject
    SandboxDepartments departments;

    @Inject
    Trail trail;

    @Inject
    SandboxApproval approval;

    @BeforeEach
    void walk() {
        approval.setWalk(true);
    }

    @AfterEach
    void reset() {
        clock.reset();
        departments.resetBehaviours();
        approval.setWalk(false);
    }

    static Map<String, Object> declaration(String id, String name, List<String> depts, Map<String, Object> extra) {
        Map<String, Object> d = new HashMap<>(Fixtures.declaration(id, Fixtures.mobile(), depts));
        d.put("projectName", name);
        d.putAll(extra);
        return d;
    }

    static void declare(Map<String, Object> body) {
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(body)
                .post("/api/v1/declarations").then().statusCode(202);
    }

    static JsonPath ledger(String user, Map<String, ?> query) {
        return given().auth().preemptive().basic(user, "sandbox").queryParams(query).get("/api/v1/projects").then()
                .statusCode(200).extract().jsonPath();
    }

    static JsonPath view(String id) {
        return given().auth().preemptive().basic("window", "sandbox").get("/api/v1/declarations/" + id).then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void ledgerFiltersPagesSortsAndExportsForEachRole() {
        String token = "台账" + Fixtures.uniqueId("L").substring(2, 10);
        String a = Fixtures.uniqueId("LA");
        String b = Fixtures.uniqueId("LB");
        String c = Fixtures.uniqueId("LC");
        departments.setBehaviour("STHJ", new SandboxDepartments.Behaviour(SandboxDepartments.Rule.SILENCE, 0));
        declare(declaration(a, token + "甲", List.of("FGW", "ZRZY"), Map.of("projectClass", "SMALL_SOCIAL",
                "projectList", "INDUSTRIAL_RENOVATION")));
        declare(declaration(b, token + "乙", List.of("FGW", "STHJ"), Map.of("keyProject", "PROVINCIAL",
                "projectList", "URBAN_CONSTRUCTION")));
        declare(declaration(c, token + "丙", List.of("ZRZY"), Map.of("approvalClass", "APPROVAL")));

        // a class named by the window, the default by approval class otherwise; dueBy and daysLeft in every view
        assertEquals("SMALL_SOCIAL", view(a).getString("projectClass"));
        assertEquals("SOCIAL_GENERAL", view(b).getString("projectClass"));
        assertEquals("GOVERNMENT_INVESTED", view(c).getString("projectClass"));
        assertEquals("PROVINCIAL", view(b).getString("keyProject"));
        assertNull(view(a).get("keyProject"));
        assertNotNull(view(a).getString("dueBy"));
        assertEquals(40, view(a).getInt("daysLeft"));
        assertEquals(70, view(c).getInt("projectLimit.limitWorkingDays"));

        JsonPath all = ledger("window", Map.of("q", token, "sort", "projectName"));
        assertEquals(3, all.getInt("total"));
        assertEquals(List.of(token + "丙", token + "乙", token + "甲").stream().sorted().toList(),
                all.getList("items.projectName"));
        assertEquals(1, ledger("window", Map.of("q", token, "projectClass", "SMALL_SOCIAL")).getInt("total"));
        assertEquals(b, ledger("window", Map.of("q", token, "keyProject", "PROVINCIAL")).getString("items[0].declarationId"));
        assertEquals(1, ledger("window", Map.of("q", token, "projectList", "URBAN_CONSTRUCTION")).getInt("total"));
        assertEquals(3, ledger("window", Map.of("q", token, "declaredFrom", "2026-03-04", "declaredTo", "2026-03-04"))
                .getInt("total"));
        assertEquals(0, ledger("window", Map.of("q", token, "declaredFrom", "2026-03-05")).getInt("total"));
        JsonPath page2 = ledger("operator", Map.of("q", token, "size", "2", "page", "2", "sort", "declarationId"));
        assertEquals(3, page2.getInt("total"));
        assertEquals(List.of(List.of(a, b, c).stream().sorted().toList().get(2)), page2.getList("items.declarationId"));
        assertEquals(2, page2.getInt("page"));
        assertEquals(2, page2.getInt("size"));
        // the sandbox departments list their items at once: a and c wait for the unit's materials
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger("window", Map.of("q", token, "step",
                "WINDOW_ACCEPTANCE")).getInt("total") == 2);
        assertEquals(1, ledger("window", Map.of("q", token, "step", "PRE_REVIEW")).getInt("total"));

        // STHJ stays silent on b: overdue from Tuesday 03-10 (due Monday 03-09)
        assertEquals(0, ledger("window", Map.of("q", token, "overdue", "true")).getInt("total"));
        clock.advance(Duration.ofDays(6));
        JsonPath late = ledger("supervisor", Map.of("q", token, "overdue", "true"));
        assertEquals(1, late.getInt("total"), late.prettify());
        assertEquals(b, late.getString("items[0].declarationId"));
        assertTrue(late.getBoolean("items[0].overdue"));
        assertEquals("STHJ", late.getString("items[0].overdueItems[0].departmentCode"));
        assertEquals("生态环境局", late.getString("items[0].overdueItems[0].departmentName"));
        assertEquals("PRE_REVIEW", late.getString("items[0].overdueItems[0].phase"));
        assertEquals(1, late.getInt("items[0].overdueItems[0].overdueDays"));
        assertEquals(1, ledger("window", Map.of("q", token, "overdue", "true", "department", "STHJ")).getInt("total"));
        assertEquals(0, ledger("window", Map.of("q", token, "overdue", "true", "department", "FGW")).getInt("total"));
        assertEquals(2, ledger("window", Map.of("q", token, "department", "FGW")).getInt("total"));
        assertEquals(2, ledger("window", Map.of("q", token, "overdue", "false")).getInt("total"));

        // a department sees the projects it reviews, and no other department's
        assertEquals(List.of(b), ledger("dept-STHJ", Map.of("q", token)).getList("items.declarationId"));
        given().auth().preemptive().basic("dept-STHJ", "sandbox").queryParam("department", "FGW").get("/api/v1/projects")
                .then().statusCode(403).body("errors[0].field", org.hamcrest.Matchers.equalTo("department"));
        given().auth().preemptive().basic("utility-WATER", "sandbox").get("/api/v1/projects").then().statusCode(403);
        given().get("/api/v1/projects").then().statusCode(401);

        // bad filters: 400 naming each parameter
        JsonPath bad = given().auth().preemptive().basic("window", "sandbox").queryParam("overdue", "yes")
                .queryParam("projectClass", "HUGE").queryParam("size", "0").queryParam("sort", "colour")
                .queryParam("declaredFrom", "2026-13-01").queryParam("department", "XX").get("/api/v1/projects").then()
                .statusCode(400).extract().jsonPath();
        assertEquals(List.of("department", "overdue", "projectClass", "declaredFrom", "size", "sort"),
                bad.getList("errors.field"));
        assertEquals(100, ledger("window", Map.of("size", "100")).getInt("size"));

        // CSV for a spreadsheet: UTF-8 with BOM, one header line and a line per project
        byte[] csv = given().auth().preemptive().basic("supervisor", "sandbox").accept("text/csv").queryParam("q", token)
                .queryParam("sort", "declarationId").get("/api/v1/projects").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).header("X-Total-Count", "3").extract()
                .asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFFdeclarationId,projectCode,projectName,step"), text);
        List<String> lines = text.lines().toList();
        assertEquals(4, lines.size(), text);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(b + ",") && l.contains(token + "乙")
                && l.contains("生态环境局(STHJ) PRE_REVIEW") && l.contains("PROVINCIAL")), text);
    }

    @Test
    void wholeProjectLimitIsWarnedThenEscalatedOnce() {
        departments.setBehaviour("STHJ", new SandboxDepartments.Behaviour(SandboxDepartments.Rule.SILENCE, 0));
        String id = Fixtures.uniqueId("PL");
        declare(declaration(id, "全流程时限" + id.substring(3, 9), List.of("STHJ"), Map.of("projectClass", "SMALL_SOCIAL")));
        JsonPath v = view(id);
        LocalDate warnOn = LocalDate.parse(v.getString("projectLimit.warnOn"));
        LocalDate dueBy = LocalDate.parse(v.getString("dueBy"));
        assertEquals(40, v.getInt("projectLimit.limitWorkingDays"));
        LocalDate start = TestClock.START.toLocalDate();

        clock.advance(Duration.ofDays(warnOn.toEpochDay() - start.toEpochDay() - 1));
        monitor.check();
        assertNull(view(id).get("projectLimit.warnedAt"), "the day before the warning day");
        clock.reset();
        clock.advance(Duration.ofDays(warnOn.toEpochDay() - start.toEpochDay()));
        monitor.check();
        monitor.check();
        assertNotNull(view(id).get("projectLimit.warnedAt"));
        clock.reset();
        clock.advance(Duration.ofDays(dueBy.toEpochDay() - start.toEpochDay()));
        monitor.check();
        assertNull(view(id).get("projectLimit.escalatedAt"), "due today, not overdue yet");
        assertEquals(0, view(id).getInt("daysLeft"));
        clock.reset();
        clock.advance(Duration.ofDays(dueBy.toEpochDay() - start.toEpochDay() + 1));
        monitor.check();
        monitor.check();
        JsonPath after = view(id);
        assertNotNull(after.get("projectLimit.escalatedAt"));
        assertTrue(after.getBoolean("projectLimit.overdue"));
        assertTrue(after.getInt("daysLeft") < 0);
        JsonPath inLedger = ledger("supervisor", Map.of("q", "全流程时限" + id.substring(3, 9), "overdue", "true"));
        assertTrue(inLedger.getBoolean("items[0].projectOverdue"));

        List<String> payloads = trail.entries(id).stream()
                .filter(e -> e.kind().equals("DEADLINE_WARNING") || e.kind().equals("OVERDUE_ESCALATION"))
                .filter(e -> e.payload() != null && e.payload().contains("\"PROJECT\""))
                .map(e -> e.kind() + " " + e.payload()).toList();
        assertEquals(2, payloads.size(), payloads.toString());
        assertTrue(payloads.get(0).startsWith("DEADLINE_WARNING"), payloads.toString());
        assertTrue(payloads.get(1).startsWith("OVERDUE_ESCALATION") && payloads.get(1).contains("\"STHJ\""),
                payloads.toString());
        await().atMost(Duration.ofSeconds(15)).until(() -> sms(PROJECT_DESK, "DEADLINE_WARNING", id) == 1
                && sms(PROJECT_SUPERVISOR, "OVERDUE_ESCALATION", id) == 1);
    }

    static long sms(String mobile, String event, String text) {
        List<Map<String, Object>> all = given().queryParam("mobile", mobile).get("/sandbox/sms").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return all.stream().filter(m -> event.equals(m.get("event")) && String.valueOf(m.get("text")).contains(text))
                .count();
    }
}
