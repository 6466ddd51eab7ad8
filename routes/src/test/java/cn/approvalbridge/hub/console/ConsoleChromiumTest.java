package cn.approvalbridge.hub.console;

import static cn.approvalbridge.hub.console.ConsoleJourney.badProviderReport;
import static cn.approvalbridge.hub.console.ConsoleJourney.codedProject;
import static cn.approvalbridge.hub.console.ConsoleJourney.itemList;
import static cn.approvalbridge.hub.console.ConsoleJourney.materials;
import static cn.approvalbridge.hub.console.ConsoleJourney.returned;
import static cn.approvalbridge.hub.console.ConsoleJourney.trailKinds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.approvalbridge.hub.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The console in a real browser (headless Chromium), as its users drive it: the window logs in through the form,
 * filters its worklist, opens a project, verifies its trail and marks a task done; the operator replays and resolves
 * dead letters, one and a whole filter; the unit opens its SMS link on a 320 px wide phone. Screenshots go to
 * target/screenshots (the README shows them, copied to docs/).
 */
@QuarkusTest
class ConsoleChromiumTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void chromium() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "SKIPPED: headless Chromium not installed; install it with "
                        + "`apt-get install -y chromium chromium-driver` to run the console's browser tests");
    }

    static ChromeDriver browser(int width, int height, boolean phone) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        if (phone) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true)));
        }
        // a driver service per browser: quit() ends the service with its browser
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    /** The whole page, not only the viewport (the README shows what a user scrolls through), through DevTools. */
    @SuppressWarnings("unchecked")
    static void shot(ChromeDriver browser, String name) throws Exception {
        Files.createDirectories(SHOTS);
        Map<String, Object> metrics = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) content.get("width")).doubleValue(),
                "height", Math.min(6000, ((Number) content.get("height")).doubleValue()), "scale", 1);
        Map<String, Object> png = browser.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Path file = SHOTS.resolve(name + ".png");
        Files.write(file, java.util.Base64.getDecoder().decode((String) png.get("data")));
        assertTrue(Files.size(file) > 5000, file + " is a real picture");
    }

    /** The message a page shows after a form was sent; the whole page when there is none, to see why. */
    static String flash(ChromeDriver browser) {
        List<WebElement> flash = browser.findElements(By.id("flash"));
        return flash.isEmpty() ? "NO MESSAGE at " + browser.getCurrentUrl() + ": " + text(browser) : flash.get(0).getText();
    }

    static String text(ChromeDriver browser) {
        return browser.findElement(By.tagName("body")).getText();
    }

    static void login(ChromeDriver browser, String user) {
        browser.findElement(By.id("j_username")).sendKeys(user);
        browser.findElement(By.id("j_password")).sendKeys("sandbox");
        go(browser, browser.findElement(By.id("login-submit")));
    }

    /** Clicks a link or a form's button and waits for the page it leads to (after any redirect) to be loaded. */
    static void go(ChromeDriver browser, WebElement target) {
        WebElement old = browser.findElement(By.tagName("html"));
        target.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> gone(old));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(
                d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
    }

    /**
     * Whether the page an element belonged to has been replaced. Chromium reports a replaced node either as a stale
     * element or, while the new document is being attached, as an inspector error ("Node with given id does not belong
     * to the document"): both mean the old page is gone.
     */
    static boolean gone(WebElement old) {
        try {
            old.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    @Test
    void theWindowWorksItsListAndVerifiesATrail() throws Exception {
        String mobile = Fixtures.mobile();
        String returnedId = Fixtures.uniqueId("CW");
        String returnedCode = codedProject(returnedId, mobile, List.of("FGW", "ZRZY"));
        itemList(returnedCode, "FGW", "FGW-01", "企业投资项目备案", "立项用地规划许可");
        itemList(returnedCode, "ZRZY", "ZRZY-01", "建设用地规划许可证核发", "立项用地规划许可");
        materials(returnedCode, Fixtures.uniqueId("M"), List.of(
                Map.of("name", "用地红线图", "url", "https://window.example/f/1", "itemCode", "ZRZY-01"),
                Map.of("name", "营业执照", "url", "oss://window/f/2")));
        returned(returnedCode, "ZRZY", "ZRZY-01", "缺少用地红线图的坐标");
        String listedId = Fixtures.uniqueId("CW");
        String listedCode = codedProject(listedId, Fixtures.mobile(), List.of("FGW"));
        itemList(listedCode, "FGW", "FGW-01", "企业投资项目备案", "立项用地规划许可");
        String returnedName = ConsoleJourney.project("/api/v1/projects/" + returnedCode).getString("projectName");
        String listedName = ConsoleJourney.project("/api/v1/projects/" + listedCode).getString("projectName");
        await().atMost(Duration.ofSeconds(30)).until(() -> trailKinds(returnedCode).contains("NOTIFY_MATERIALS_RETURNED"));

        ChromeDriver browser = browser(1280, 900, false);
        try {
            browser.get(base + "console");
            assertTrue(browser.getCurrentUrl().contains("/console/login"), browser.getCurrentUrl());
            shot(browser, "console-login");
            login(browser, "window");
            assertTrue(browser.getCurrentUrl().endsWith("/console"), browser.getCurrentUrl());
            String list = text(browser);
            assertTrue(list.contains("综合窗口工作台") && list.contains(returnedName) && list.contains(listedName), list);
            assertTrue(list.contains("材料退回") && list.contains("缺少用地红线图的坐标") && list.contains("一次性告知"), list);
            shot(browser, "console-worklist");

            browser.findElement(By.id("q")).sendKeys(returnedCode);
            go(browser, browser.findElement(By.id("search")));
            List<WebElement> rows = browser.findElements(By.cssSelector("#tasks tr.task"));
            assertEquals(1, rows.size(), text(browser));
            assertEquals(returnedId, rows.get(0).getAttribute("data-declaration"));
            assertFalse(browser.findElement(By.id("tasks")).getText().contains(listedName));
            assertTrue(browser.findElement(By.id("found")).getText().contains(returnedId));

            go(browser, rows.get(0).findElement(By.linkText(returnedName)));
            String page = text(browser);
            assertEquals(7, browser.findElements(By.cssSelector("#steps li")).size(), page);
            assertTrue(page.contains("4. 并联初审（一次性告知）") && page.contains("5. 窗口受理") && page.contains("7. 办结回复"), page);
            assertTrue(browser.findElement(By.cssSelector("#steps li[data-step='5']")).getText().contains("退回补正 1 项"), page);
            String items = browser.findElement(By.id("items")).getText();
            assertTrue(items.contains("退回补正：缺少用地红线图的坐标") && items.contains("用地红线图") && items.contains("材料审查中"), items);
            assertEquals("https://window.example/f/1", browser.findElement(By.linkText("用地红线图")).getAttribute("href"));
            assertTrue(page.contains("各事项共用材料：营业执照"), page);
            String sms = browser.findElement(By.id("sms")).getText();
            assertTrue(sms.contains("材料退回补正") && sms.contains(mobile.substring(0, 3) + "****" + mobile.substring(7)), sms);
            assertFalse(sms.contains(mobile), "the unit's number is masked in the SMS list");
            // the unit's own data as the window's API shows it to the window: unmasked
            assertTrue(browser.findElement(By.id("unit")).getText().contains(mobile));
            go(browser, browser.findElement(By.id("verify")));
            assertTrue(browser.findElement(By.id("verify-result")).getText().contains("校验通过"), text(browser));
            shot(browser, "console-project");

            go(browser, browser.findElement(By.cssSelector("#project-tasks button")));
            assertTrue(flash(browser).contains("已标记为已办"), flash(browser));
            assertTrue(browser.findElements(By.id("project-tasks")).isEmpty(), "the task is done: " + text(browser));
            assertTrue(trailKinds(returnedCode).contains("WINDOW_TASK_DONE"));
            browser.get(base + "console?q=" + returnedId);
            assertTrue(browser.findElement(By.id("no-tasks")).getText().contains("没有与"), text(browser));

            go(browser, browser.findElement(By.cssSelector("header form button")));
            assertTrue(browser.findElement(By.id("logged-out")).isDisplayed());
            browser.get(base + "console");
            assertTrue(browser.getCurrentUrl().contains("/console/login"), "logged out: " + browser.getCurrentUrl());
        } finally {
            browser.quit();
        }

        // the unit opens the link of its SMS on a phone (the utility connection's SMS carry it)
        ConsoleJourney.waterApplication(returnedCode, mobile);
        String link = ConsoleJourney.statusLink(mobile, returnedCode);
        ChromeDriver phone = browser(320, 640, true);
        try {
            phone.get(base + link.substring(1));
            String page = text(phone);
            assertEquals(7, phone.findElements(By.cssSelector("#steps li")).size(), page);
            assertTrue(phone.findElement(By.id("next-action")).getText().contains("需要您办理")
                    && page.contains("缺少用地红线图的坐标"), page);
            assertTrue(page.contains("6. 审批办理") && page.contains("退回补正"), page);
            long overflow = (Long) phone.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertTrue(overflow <= 0, "readable at 320 px without scrolling sideways, overflow " + overflow);
            assertEquals(320L, phone.executeScript("return window.innerWidth"));
            assertFalse(page.contains(mobile));
            assertTrue(phone.findElement(By.id("utilities")).getText().contains("供水"), page);
            shot(phone, "unit-status-320px");
        } finally {
            phone.quit();
        }
    }

    @Test
    void theOperatorReplaysAndResolvesDeadLetters() throws Exception {
        String tag = Fixtures.uniqueId("CDL");
        for (int i = 0; i < 4; i++) {
            badProviderReport("GAS", tag + "-" + i);
        }
        ChromeDriver browser = browser(1280, 900, false);
        try {
            browser.get(base + "console/operations");
            login(browser, "operator");
            assertTrue(browser.getCurrentUrl().endsWith("/console/operations"), browser.getCurrentUrl());
            String page = text(browser);
            assertTrue(page.contains("对接系统") && page.contains("工作日日历") && page.contains("待发出消息"), page);
            assertTrue(browser.findElement(By.id("calendar")).getText().contains("年已覆盖"), page);

            browser.findElement(By.id("f-contains")).sendKeys(tag);
            go(browser, browser.findElement(By.id("dl-filter-submit")));
            List<WebElement> letters = browser.findElements(By.cssSelector("#dead-letters tr.dead-letter"));
            assertEquals(4, letters.size(), text(browser));
            String first = letters.get(0).getAttribute("data-id");
            go(browser, letters.get(0).findElement(By.cssSelector("button.replay")));
            assertTrue(flash(browser).contains("已重放"), flash(browser));
            // still bad, the report failed again: the replayed letter shows its replay, a new one stands beside it
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                browser.navigate().refresh();
                return browser.findElements(By.cssSelector("#dead-letters tr.dead-letter")).size() == 5;
            });
            WebElement replayed = browser.findElement(By.cssSelector("tr.dead-letter[data-id='" + first + "']"));
            assertTrue(replayed.getText().contains("1 次"), replayed.getText());

            go(browser, replayed.findElement(By.cssSelector("button.resolve")));
            assertTrue(flash(browser).contains("已标记为已处理"), flash(browser));
            assertEquals(4, browser.findElements(By.cssSelector("#dead-letters tr.dead-letter")).size(), "open ones only");
            shot(browser, "console-operations");

            go(browser, browser.findElement(By.id("replay-all")));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                browser.navigate().refresh();
                return browser.findElement(By.id("replay-status")).getText().startsWith("已完成");
            });
            String status = browser.findElement(By.id("replay-status")).getText();
            // the four open ones not yet replayed: three originals and the one the first replay produced
            assertTrue(status.contains("共 4 条") && status.contains("已放回原队列 4 条"), status);
            assertEquals("4", browser.findElement(By.id("replay-progress")).getAttribute("value"));
            shot(browser, "console-replay");
        } finally {
            browser.quit();
        }
    }
}
