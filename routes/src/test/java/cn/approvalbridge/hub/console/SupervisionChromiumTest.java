package cn.approvalbridge.hub.console;

import static cn.approvalbridge.hub.console.ConsoleChromiumTest.browser;
import static cn.approvalbridge.hub.console.ConsoleChromiumTest.go;
import static cn.approvalbridge.hub.console.ConsoleChromiumTest.login;
import static cn.approvalbridge.hub.console.ConsoleChromiumTest.shot;
import static cn.approvalbridge.hub.console.ConsoleChromiumTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import cn.approvalbridge.hub.TestClock;
import cn.approvalbridge.hub.platform.deadline.DeadlineMonitor;
import cn.approvalbridge.hub.sandbox.department.SandboxDepartments;
import cn.approvalbridge.hub.supervision.SupervisionChase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The supervisors' board in headless Chromium: the supervisor logs in through the form, sees the charts and the
 * ranking, follows the overdue number of a department to the filtered ledger and fetches a table's CSV with its
 * session. The screenshot (target/screenshots/console-supervision.png) is the README's.
 */
@QuarkusTest
class SupervisionChromiumTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestClock clock;
    @Inject
    DeadlineMonitor monitor;
    @Inject
    SupervisionChase chase;
    @Inject
    SandboxDepartments departments;

    @BeforeAll
    static void chromium() {
        ConsoleChromiumTest.chromium();
    }

    @AfterEach
    void reset() {
        clock.reset();
        departments.resetBehaviours();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSupervisorReadsTheBoardFollowsANumberToTheLedgerAndTakesTheCsv() throws Exception {
        String id = SupervisionBoardTest.overdueAtSthj(clock, departments, monitor, chase);
        String name = ConsoleJourney.project("/api/v1/declarations/" + id).getString("projectName");
        ChromeDriver browser = browser(1280, 900, false);
        try {
            browser.get(base + "console/supervision");
            assertTrue(browser.getCurrentUrl().contains("/console/login"), browser.getCurrentUrl());
            login(browser, "supervisor");
            assertTrue(browser.getCurrentUrl().endsWith("/console/supervision"), browser.getCurrentUrl());
            String page = text(browser);
            assertTrue(page.contains("督查看板") && page.contains("督查人员：supervisor"), page);

            WebElement chart = browser.findElement(By.id("overdue-chart"));
            assertTrue(chart.isDisplayed() && chart.getSize().getWidth() > 300, "the chart is drawn");
            assertEquals("各部门超期项目数", browser.findElement(By.id("overdue-chart-title")).getAttribute("textContent"));
            assertTrue(browser.findElement(By.id("step-chart")).isDisplayed());
            assertTrue(browser.findElement(By.id("ranking-chart")).isDisplayed());
            List<WebElement> ranking = browser.findElements(By.cssSelector("#ranking-table tbody tr"));
            assertTrue(ranking.size() >= 4, text(browser));
            WebElement sthjRank = browser.findElement(By.cssSelector("#ranking-table tr[data-department='STHJ']"));
            assertTrue(sthjRank.getText().contains("生态环境局"), sthjRank.getText());
            assertTrue(browser.findElement(By.id("cases-table")).getText().contains(name), text(browser));
            shot(browser, "console-supervision");

            WebElement number = browser.findElement(By.cssSelector("#overdue-table tr[data-department='STHJ'] a.count"));
            int shown = Integer.parseInt(number.getText());
            assertTrue(shown >= 1, "STHJ has an overdue project");
            go(browser, number);
            assertTrue(browser.getCurrentUrl().contains("/console/supervision/ledger?department=STHJ&overdue=true"),
                    browser.getCurrentUrl());
            assertEquals(String.valueOf(shown), browser.findElement(By.id("ledger-total")).getText());
            assertTrue(browser.findElement(By.id("ledger-title")).getText().startsWith("部门：生态环境局"), text(browser));
            browser.findElement(By.id("f-q")).sendKeys(name);
            go(browser, browser.findElement(By.id("ledger-filter-submit")));
            List<WebElement> rows = browser.findElements(By.cssSelector("#ledger tr.entry"));
            assertEquals(1, rows.size(), text(browser));
            assertEquals(id, rows.get(0).getAttribute("data-declaration"));
            assertTrue(rows.get(0).getText().contains("生态环境局 立项预审 应于2026年3月9日"), rows.get(0).getText());
            // a supervisor has no window project page: the name is not a link it could not open
            assertTrue(rows.get(0).findElements(By.tagName("a")).isEmpty());

            // the CSV link, fetched as the browser would download it (same session), UTF-8 with its BOM
            String href = browser.findElement(By.id("csv-ledger")).getAttribute("href");
            Map<String, Object> csv = (Map<String, Object>) browser.executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done({status: r.status, "
                            + "type: r.headers.get('Content-Type'), bom: Array.from(new Uint8Array(b).slice(0, 3)), "
                            + "text: new TextDecoder('utf-8').decode(b)})));", href);
            assertEquals(200L, csv.get("status"));
            assertTrue(String.valueOf(csv.get("type")).startsWith("text/csv"), csv.toString());
            assertEquals(List.of(239L, 187L, 191L), csv.get("bom"));
            String body = (String) csv.get("text");
            assertTrue(body.startsWith("申报编号,项目代码,项目名称") && body.contains(id) && body.contains(name), body);
            assertEquals(2, body.strip().split("\r\n").length, "the header and the one project: " + body);
        } finally {
            browser.quit();
        }
    }
}
