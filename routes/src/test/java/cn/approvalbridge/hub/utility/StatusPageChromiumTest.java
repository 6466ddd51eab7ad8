package cn.approvalbridge.hub.utility;

import static cn.approvalbridge.hub.utility.UtilityTestSupport.apply;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.codedProject;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.form;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.states;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.sandbox.utility.SandboxUtilities;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The one-query page, as the project unit sees it in a browser (headless Chromium), personal data masked. */
@QuarkusTest
class StatusPageChromiumTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TestHTTPResource("/")
    URL base;

    @Inject
    SandboxUtilities sandboxProviders;

    @AfterEach
    void reset() {
        sandboxProviders.resetBehaviours();
    }

    @Test
    void theUnitSeesEachUtilitysStateOnThePage() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "SKIPPED: headless Chromium not installed; install it with "
                        + "`apt-get install -y chromium chromium-driver` to run the status page test");
        sandboxProviders.setBehaviour(Utility.GAS, new SandboxUtilities.Behaviour(SandboxUtilities.Rule.REJECT));
        String unit = "13912345678";
        String code = codedProject(Fixtures.mobile());
        apply(code, form(Fixtures.uniqueId("UW"), unit, "WATER", "GAS", "HEAT")).statusCode(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> states(code).equals(java.util.List.of("CONNECTED", "REJECTED", "CONNECTED")));

        // a stranger sees nothing, and the unit's mobile number alone does not open the page: the SMS link does
        given().get("/status/" + code).then().statusCode(404);
        given().queryParam("mobile", unit).get("/status/" + code).then().statusCode(404);
        String link = UtilityTestSupport.statusLink(unit, code);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        Path profile = Files.createTempDirectory("chromium-profile");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(base + link);
            String text = browser.findElement(By.tagName("body")).getText();
            Path shot = Path.of("target", "status-page-" + code + ".png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));

            assertTrue(text.contains("项目代码 Project code: " + code), text);
            assertTrue(text.contains("查询身份 Viewer: 项目单位"), text);
            assertTrue(text.contains("当前环节 Step: CODE_ASSIGNMENT"), text);
            assertTrue(text.contains("发展和改革局（FGW）"), text);
            assertTrue(text.contains("供水 WATER") && text.contains("已接入 CONNECTED"), text);
            assertTrue(text.contains("供热 HEAT"), text);
            assertTrue(text.contains("供气 GAS") && text.contains("不予受理 REJECTED") && text.contains("供应能力不足"), text);
            assertTrue(text.contains("BEFORE_CONSTRUCTION_PERMIT_STAGE"), text);
            assertTrue(text.contains("联合踏勘 Joint survey: 2026-03-09"), text);
            // personal data masked: the unit's own mobile and the contact's name
            assertTrue(text.contains("139****5678") && text.contains("王*"), text);
            assertFalse(text.contains(unit) || text.contains("王五"), text);
            assertTrue(Files.size(shot) > 1000);
        } finally {
            browser.quit();
            service.stop();
        }
    }
}
