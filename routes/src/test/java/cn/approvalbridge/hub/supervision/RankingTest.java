package cn.approvalbridge.hub.supervision;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.TestClock;
import cn.approvalbridge.hub.sandbox.department.SandboxApproval;
import cn.approvalbridge.hub.sandbox.department.SandboxDepartments;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The monthly ranking of June 2026: FGW gives its pre-review opinion at once, STHJ three working days late; STHJ ranks
 * below FGW. The report says final: false until the 10th of July, is then fixed, kept and put once on
 * hub.supervision.reports, and stays as it was whatever changes later.
 * <p>
 * Other test classes leave departments owing answers for ever (silent sandbox departments), which would count as
 * overdue in every later month: this test first clears the departments' limit rows and the kept rankings, so that June
 * holds its own events only.
 */
@QuarkusTest
class RankingTest {

    @Inject
    TestClock clock;

    @Inject
    SandboxDepartments departments;

    @Inject
    SandboxApproval approval;

    @Inject
    RankingReports reports;

    @Inject
    DepartmentRanking ranking;

    @Inject
    Db db;

    @Inject
    ObjectMapper json;

    @AfterEach
    void reset() {
        clock.reset();
        departments.resetBehaviours();
        approval.setWalk(false);
    }

    /** The test clock on that day of 2026 at about 10:00 (it starts on 2026-03-04). */
    void on(int month, int day) {
        clock.reset();
        clock.advance(Duration.ofDays(LocalDate.of(2026, month, day).toEpochDay() - TestClock.START.toLocalDate().toEpochDay()));
    }

    static JsonPath report(String month) {
        return given().auth().preemptive().basic("supervisor", "sandbox").queryParam("month", month)
                .get("/api/v1/reports/department-ranking").then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> dept(JsonPath r, String code) {
        List<Map<String, Object>> ds = r.getList("departments");
        return ds.stream().filter(d -> code.equals(d.get("departmentCode"))).findFirst().orElseThrow();
    }

    List<String[]> messages(String month) {
        return db.read(c -> Db.list(c, "SELECT queue_name, body, sent_at FROM hub_outbox WHERE message_id = ?",
                rs -> new String[] { rs.getString(1), rs.getString(2), String.valueOf(rs.getObject(3)) },
                RankingReports.messageId(YearMonth.parse(month))));
    }

    @Test
    void lateDepartmentRanksBelowOnTimeOneAndTheMonthIsFixedOnTheTenth() throws Exception {
        db.inTransaction(c -> {
            for (String t : List.of("hub_department_review", "hub_item_list", "hub_project_item",
                    "hub_department_ranking")) {
                Db.update(c, "DELETE FROM " + t);
            }
            return Db.update(c, "DELETE FROM hub_outbox WHERE message_id LIKE 'RANKING:%'");
        });
        approval.setWalk(true);
        departments.setBehaviour("STHJ", new SandboxDepartments.Behaviour(SandboxDepartments.Rule.SILENCE, 0));
        on(6, 1); // Monday: pre-review due Thursday 06-04
        String id = Fixtures.uniqueId("RK");
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                .body(Fixtures.declaration(id, Fixtures.mobile(), List.of("FGW", "STHJ"))).post("/api/v1/declarations")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> LedgerTest.view(id).getList("departments.decision")
                .contains("PASS"));
        on(6, 9); // Tuesday: STHJ answers, three working days late
        given().auth().preemptive().basic("dept-STHJ", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("departmentCode", "STHJ", "decision", "PASS")).post("/api/v1/declarations/" + id
                        + "/pre-review-opinions").then().statusCode(202);
        // coded; both list their items the same day, on time
        await().atMost(Duration.ofSeconds(30)).until(() -> "WINDOW_ACCEPTANCE".equals(LedgerTest.ledger("window",
                Map.of("q", id.substring(id.length() - 4), "declaredFrom", "2026-06-01")).getString("items[0].step")));

        JsonPath june = report("2026-06");
        assertFalse(june.getBoolean("final"));
        Map<String, Object> fgw = dept(june, "FGW");
        Map<String, Object> sthj = dept(june, "STHJ");
        assertEquals(2, fgw.get("handled"), june.prettify());
        assertEquals(2, fgw.get("onTime"));
        assertEquals(0, fgw.get("overdue"));
        assertEquals(2, sthj.get("handled"));
        assertEquals(1, sthj.get("onTime"));
        assertEquals(1, sthj.get("overdue"));
        assertTrue((Integer) sthj.get("rank") > (Integer) fgw.get("rank"), june.prettify());
        assertEquals(4, sthj.get("rank"));
        assertEquals(true, sthj.get("bottomThree"));
        assertEquals(1, sthj.get("bottomThreeMonths"));
        assertEquals("住房和城乡建设局", dept(june, "ZJ").get("name"));

        on(7, 9); // the day before it is fixed: still figures so far, nothing sent
        reports.fixDue();
        assertFalse(report("2026-06").getBoolean("final"));
        assertEquals(0, messages("2026-06").size());

        on(7, 10);
        reports.fixDue();
        String fixed = given().auth().preemptive().basic("operator", "sandbox").queryParam("month", "2026-06")
                .get("/api/v1/reports/department-ranking").then().statusCode(200).extract().asString();
        JsonNode kept = json.readTree(fixed);
        assertTrue(kept.path("final").asBoolean());
        assertNotNull(kept.path("fixedAt").textValue());
        assertEquals("2026-06-30", kept.path("asOf").asText());
        List<String[]> sent = messages("2026-06");
        assertEquals(1, sent.size());
        assertEquals(RankingReports.QUEUE, sent.get(0)[0]);
        assertEquals(kept, json.readTree(sent.get(0)[1]), "the message is the report as GET answers it");
        await().atMost(Duration.ofSeconds(20)).until(() -> !"null".equals(messages("2026-06").get(0)[2]));

        // a later correction of STHJ's answer would make it on time: the kept report does not move
        db.inTransaction(c -> Db.update(c, "UPDATE hub_department_review SET answered_at = ? WHERE declaration_id = ? "
                + "AND department_code = 'STHJ'", OffsetDateTime.of(2026, 6, 2, 10, 0, 0, 0, ChinaTime.ZONE.getRules()
                        .getOffset(java.time.Instant.now())), id));
        on(7, 20);
        reports.fixDue();
        assertEquals(kept, json.readTree(given().auth().preemptive().basic("window", "sandbox")
                .queryParam("month", "2026-06").get("/api/v1/reports/department-ranking").then().statusCode(200)
                .extract().asString()));
        assertEquals(1, messages("2026-06").size());
        assertEquals(1, messages("2026-05").size(), "every month since the first declaration, once");

        // the CSV of the month, and bad months
        String csv = new String(given().auth().preemptive().basic("supervisor", "sandbox").accept("text/csv")
                .queryParam("month", "2026-06").get("/api/v1/reports/department-ranking").then().statusCode(200)
                .extract().asByteArray(), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFFmonth,final,rank,departmentCode,name"), csv);
        assertTrue(csv.contains("2026-06,true,4,STHJ,生态环境局,2,1,1"), csv);
        for (String bad : List.of("2026-6", "2026-13", "2099-01")) {
            given().auth().preemptive().basic("supervisor", "sandbox").queryParam("month", bad)
                    .get("/api/v1/reports/department-ranking").then().statusCode(400)
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("month"));
        }
        given().auth().preemptive().basic("dept-FGW", "sandbox").get("/api/v1/reports/department-ranking").then()
                .statusCode(403);
    }

    @Test
    void threeMonthsRunningInTheBottomThreeIsACallToExplain() {
        JsonNode previous = null;
        List<Integer> streaks = new ArrayList<>();
        List<Boolean> called = new ArrayList<>();
        for (int m = 1; m <= 4; m++) {
            YearMonth month = YearMonth.of(2025, m + 8);
            LocalDate due = month.atDay(10);
            // STHJ answers late in the first three months, on time in the fourth; ZRZY has nothing to do
            LocalDate sthjAnswer = m < 4 ? month.atDay(20) : month.atDay(5);
            List<DepartmentDeadlines.Deadline> all = List.of(
                    new DepartmentDeadlines.Deadline("D" + m, null, "PRE_REVIEW", "FGW", null, due, 3, month.atDay(5),
                            null, false),
                    new DepartmentDeadlines.Deadline("D" + m, null, "PRE_REVIEW", "STHJ", null, due, 3, sthjAnswer,
                            null, false));
            JsonNode r = ranking.compute(month, month.atEndOfMonth(), all, previous);
            Map<String, JsonNode> by = DepartmentRanking.byCode(r);
            streaks.add(by.get("STHJ").path("bottomThreeMonths").asInt());
            called.add(by.get("STHJ").path("calledToExplain").asBoolean());
            assertFalse(by.get("ZRZY").path("bottomThree").asBoolean(), "nothing overdue: never in the bottom three");
            assertEquals(1, by.get("FGW").path("rank").asInt());
            previous = r;
        }
        assertEquals(List.of(1, 2, 3, 0), streaks);
        assertEquals(List.of(false, false, true, false), called);
    }
}
