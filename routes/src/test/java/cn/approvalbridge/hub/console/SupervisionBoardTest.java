package cn.approvalbridge.hub.console;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.TestClock;
import cn.approvalbridge.hub.keyprojects.KeyProjectMonth;
import cn.approvalbridge.hub.platform.deadline.DeadlineMonitor;
import cn.approvalbridge.hub.projectview.ZhFormat;
import cn.approvalbridge.hub.sandbox.department.SandboxDepartments;
import cn.approvalbridge.hub.supervision.SupervisionChase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The supervisors' board as a supervisor reads it. STHJ stays silent on a project declared Wednesday 2026-03-04: its
 * pre-review is overdue from 03-10 and escalated to a 13710 case; a district key project coded in March has no March
 * progress on 2 April. The board's numbers are the API's (ledger, ranking, commitment counts) for the same filters,
 * each links to the filtered ledger, each table is a CSV; the window and the departments get 403.
 */
@QuarkusTest
class SupervisionBoardTest {

    @Inject
    TestClock clock;
    @Inject
    DeadlineMonitor monitor;
    @Inject
    SupervisionChase chase;
    @Inject
    SandboxDepartments departments;
    @Inject
    KeyProjectMonth keyProjectMonth;

    @AfterEach
    void reset() {
        clock.reset();
        departments.resetBehaviours();
    }

    /** A project STHJ has let run past its pre-review limit into a 13710 case (clock on Tuesday 2026-03-10). */
    static String overdueAtSthj(TestClock clock, SandboxDepartments departments, DeadlineMonitor monitor,
            SupervisionChase chase) {
        clock.reset();
        departments.setBehaviour("STHJ", new SandboxDepartments.Behaviour(SandboxDepartments.Rule.SILENCE, 0));
        String id = Fixtures.uniqueId("SB");
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                .body(Fixtures.declaration(id, Fixtures.mobile(), List.of("FGW", "STHJ"))).post("/api/v1/declarations")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> ConsoleJourney.project("/api/v1/declarations/" + id)
                .getList("departments.decision").contains("PASS"));
        for (int days : List.of(2, 4)) { // Friday 03-06: warned; Tuesday 03-10: escalated
            clock.advance(Duration.ofDays(days));
            monitor.check();
            chase.check();
        }
        return id;
    }

    static JsonPath api(String path, Map<String, ?> query) {
        return given().auth().preemptive().basic("supervisor", "sandbox").queryParams(query).get(path).then()
                .statusCode(200).extract().jsonPath();
    }

    static String board(String query) {
        return given().auth().preemptive().basic("supervisor", "sandbox").get("/console/supervision" + query).then()
                .statusCode(200).contentType(containsString("text/html")).extract().asString();
    }

    /** The linked count in the first row of {@code table} that carries {@code marker}: [href, number]. */
    static String[] count(String html, String table, String marker) {
        String from = html.substring(html.indexOf("id=\"" + table + "\""));
        String row = from.substring(from.indexOf(marker));
        Matcher m = Pattern.compile("<a class=\"count\" href=\"([^\"]+)\">(\\d+)</a>").matcher(row);
        assertTrue(m.find(), row);
        return new String[] { m.group(1).replace("&amp;", "&"), m.group(2) };
    }

    static String csv(String path) {
        byte[] body = given().auth().preemptive().basic("supervisor", "sandbox").get(path).then().statusCode(200)
                .contentType(containsString("text/csv")).header("Content-Disposition", containsString("attachment"))
                .extract().asByteArray();
        String text = new String(body, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF"), "UTF-8 with a byte-order mark for Excel: " + text);
        return text;
    }

    @Test
    void aSupervisorSeesTheOverdueDepartmentItsRankingItsCaseAndTheMissingProgressEachLinkedToTheLedger() {
        String id = overdueAtSthj(clock, departments, monitor, chase);
        String name = ConsoleJourney.project("/api/v1/declarations/" + id).getString("projectName");
        Map<String, Object> key = new HashMap<>(Fixtures.declaration(Fixtures.uniqueId("SBK"), Fixtures.mobile(),
                List.of("FGW")));
        key.put("keyProject", "DISTRICT");
        String keyId = given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(key)
                .post("/api/v1/declarations").then().statusCode(202).extract().path("declarationId");
        String[] keyCode = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> (keyCode[0] = ConsoleJourney
                .project("/api/v1/declarations/" + keyId).getString("projectCode")) != null);
        clock.advance(Duration.ofDays(23)); // Thursday 2 April: March's progress is due on the 5th

        // overdue by department: the number is the ledger's for the same filter, and links to it
        Map<String, String> sthjLate = Map.of("department", "STHJ", "overdue", "true", "size", "1");
        String[] sthj = new String[2];
        int[] total = new int[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            total[0] = api("/api/v1/projects", sthjLate).getInt("total");
            sthj[0] = count(board("?month=2026-03"), "overdue-table", "data-department=\"STHJ\"")[1];
            return Integer.parseInt(sthj[0]) == total[0];
        });
        assertTrue(total[0] >= 1, "STHJ's project is overdue");
        String page = board("?month=2026-03");
        assertEquals("/console/supervision/ledger?department=STHJ&overdue=true",
                count(page, "overdue-table", "data-department=\"STHJ\"")[0]);
        assertTrue(page.contains("<title id=\"overdue-chart-title\">各部门超期项目数</title>"), page);
        assertTrue(page.contains("aria-labelledby=\"overdue-chart-title overdue-chart-desc\""), page);
        assertTrue(Pattern.compile("生态环境局</text><a href=\"/console/supervision/ledger\\?department=STHJ&amp;overdue="
                + "true\"><rect [^>]+/><text class=\"value\"[^>]*>" + total[0] + "</text>").matcher(page).find(),
                "the bar's value is written beside it: " + page);

        // the funnel: projects at pre-review, as the ledger counts them
        String[] preReview = count(page, "steps-table", "data-step=\"PRE_REVIEW\"");
        assertEquals(String.valueOf(api("/api/v1/projects", Map.of("step", "PRE_REVIEW", "size", "1")).getInt("total")),
                preReview[1]);
        assertTrue(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"step-chart\""), page);

        // the ranking of March as the report API gives it: bottom three marked, with the streak
        JsonPath march = api("/api/v1/reports/department-ranking", Map.of("month", "2026-03"));
        Map<String, Object> sthjRank = march.getList("departments", Map.class).stream()
                .filter(d -> "STHJ".equals(d.get("departmentCode"))).findFirst().orElseThrow();
        assertTrue((Integer) sthjRank.get("overdue") >= 1, march.prettify());
        String ranking = page.substring(page.indexOf("id=\"ranking-table\""));
        String row = ranking.substring(ranking.indexOf("<tr data-department=\"STHJ\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertEquals(Boolean.TRUE.equals(sthjRank.get("bottomThree")), row.contains("class=\"bottom\""), row);
        assertTrue(row.contains(">" + sthjRank.get("overdue") + "</a>"), row);
        if (Boolean.TRUE.equals(sthjRank.get("bottomThree"))) {
            assertTrue(row.contains("后三位</b>，连续 " + sthjRank.get("bottomThreeMonths") + " 个月"), row);
        }
        assertTrue(page.contains(march.getBoolean("final") ? "最终排名" : "截至 2026年3月31日 的数据"), page);
        assertTrue(page.contains("2026年3月部门排名") && page.contains("value=\"2026-03\""), page);

        // the open 13710 case, and the key project without its March progress, both linked to the ledger
        String cases = page.substring(page.indexOf("id=\"cases-table\""), page.indexOf("id=\"csv-cases\""));
        assertTrue(cases.contains(name) && cases.contains("生态环境局"), cases);
        String missing = page.substring(page.indexOf("id=\"missing-table\""), page.indexOf("id=\"csv-key-projects\""));
        assertTrue(missing.contains("data-project=\"" + keyCode[0] + "\"") && missing.contains("未报送")
                && missing.contains(ZhFormat.date(keyProjectMonth.dueAt(YearMonth.of(2026, 3)).toLocalDate())), missing);
        assertTrue(page.contains("重点项目2026年3月进度未报"), page);
        assertTrue(missing.contains("/console/supervision/ledger?keyProject=DISTRICT&amp;q=" + keyCode[0]), missing);

        // the commitment checks are the counts the API gives
        JsonPath counts = api("/api/v1/commitments/counts", Map.of());
        String checks = page.substring(page.indexOf("id=\"checks-table\""));
        assertTrue(checks.contains("<td>" + counts.getLong("approvedOnCommitment") + "</td><td>"
                + counts.getLong("checksDue") + "</td><td>" + counts.getLong("checksDone") + "</td>"), checks);

        // the ledger the number links to lists the project, with its late department limit in words
        String ledger = given().auth().preemptive().basic("supervisor", "sandbox")
                .get("/console/supervision/ledger?department=STHJ&overdue=true").then().statusCode(200).extract()
                .asString();
        assertTrue(ledger.contains("部门：生态环境局；该部门有超期事项：共 <span id=\"ledger-total\">"
                + ZhFormat.number(total[0]) + "</span> 个项目"), ledger);
        // a page holds 50: narrowed to the project's name it is there for certain
        ledger = given().auth().preemptive().basic("supervisor", "sandbox").queryParam("department", "STHJ")
                .queryParam("overdue", "true").queryParam("q", name).get("/console/supervision/ledger").then()
                .statusCode(200).extract().asString();
        assertTrue(ledger.contains("data-declaration=\"" + id + "\"") && ledger.contains(name), ledger);
        assertTrue(ledger.contains("生态环境局 立项预审 应于2026年3月9日"), ledger);
        given().auth().preemptive().basic("supervisor", "sandbox").get("/console/supervision/ledger?overdue=maybe")
                .then().statusCode(400).body(containsString("参数 overdue"));
        given().auth().preemptive().basic("supervisor", "sandbox").get("/console/supervision?month=2026-13").then()
                .statusCode(400).body(containsString("参数 month"));

        // every table as CSV
        assertTrue(csv("/console/supervision/overdue.csv").contains("\r\nSTHJ,生态环境局," + total[0] + ","));
        String rankingCsv = csv("/console/supervision/ranking.csv?month=2026-03");
        assertTrue(rankingCsv.startsWith("\uFEFF月份,状态,排名,部门代码,部门") && rankingCsv.contains(",STHJ,生态环境局,"),
                rankingCsv);
        assertTrue(csv("/console/supervision/cases.csv").contains(name));
        assertTrue(csv("/console/supervision/key-projects.csv").contains(keyCode[0] + ","));
        assertTrue(csv("/console/supervision/steps.csv").contains("PRE_REVIEW,立项预审," + preReview[1]));
        assertTrue(csv("/console/supervision/commitments.csv").contains("承诺制审批事项," + counts.getLong("approvedOnCommitment")));
        String ledgerCsv = csv("/console/supervision/ledger/export.csv?department=STHJ&overdue=true");
        assertTrue(ledgerCsv.startsWith("\uFEFF申报编号,项目代码,项目名称") && ledgerCsv.contains(id + ","), ledgerCsv);
        assertEquals(total[0] + 1, ledgerCsv.split("\r\n").length, "a line per project and the header");
    }

    @Test
    void theBoardIsForSupervisorsAndOperatorsAndASupervisorLandsOnIt() {
        for (String path : List.of("/console/supervision", "/console/supervision/ledger", "/console/supervision/cases.csv")) {
            for (String user : List.of("window", "dept-FGW", "utility-WATER")) {
                given().auth().preemptive().basic(user, "sandbox").get(path).then().statusCode(403)
                        .contentType(containsString("text/html")).body(containsString("无权访问"))
                        .body(containsString("督查看板供督查人员和运维人员使用"));
            }
            given().redirects().follow(false).get(path).then().statusCode(302)
                    .header("Location", containsString("/console/login"));
        }
        given().auth().preemptive().basic("operator", "sandbox").get("/console/supervision").then().statusCode(200)
                .body(containsString("督查看板")).body(containsString("运维人员：operator"));
        // through the login form: the console's landing page sends a supervisor on to the board
        String session = ConsoleAccessTest.login("supervisor", "sandbox");
        given().redirects().follow(false).cookie("hub-console-session", session).get("/console").then().statusCode(303)
                .header("Location", endsWith("/console/supervision"));
        given().cookie("hub-console-session", session).get("/console/supervision").then().statusCode(200)
                .body(containsString("督查人员：supervisor")).body(containsString("href=\"/console/supervision\">督查看板"));
        given().cookie("hub-console-session", session).get("/console/operations").then().statusCode(403);
        given().cookie("hub-console-session", session).get("/console/projects/X").then().statusCode(403);
    }
}
