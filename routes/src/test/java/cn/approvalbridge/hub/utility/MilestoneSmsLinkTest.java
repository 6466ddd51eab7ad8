package cn.approvalbridge.hub.utility;

import static cn.approvalbridge.hub.utility.UtilityTestSupport.codedProject;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.sms;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.sandbox.department.SandboxApproval;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Issue 17: every milestone SMS to the project unit carries the signed link to its status page, at the address
 * configured in hub.status-page.base-url; opened, it shows that project's page, and a tampered or expired link
 * opens nothing.
 */
@QuarkusTest
class MilestoneSmsLinkTest {

    @Inject
    SandboxApproval departments;

    @AfterEach
    void stopWalking() {
        departments.setWalk(false);
    }

    @Test
    void theMilestoneSmsCarryTheLinkToTheProjectsOwnPage() throws Exception {
        String baseUrl = ConfigProvider.getConfig().getValue("hub.status-page.base-url", String.class);
        String key = ConfigProvider.getConfig().getValue("hub.status-page.key", String.class);
        departments.setWalk(true);
        String mobile = Fixtures.mobile();
        String code = codedProject(mobile);
        Pattern link = Pattern.compile(Pattern.quote(baseUrl) + "(/status/" + code + ")\\?t=([A-Za-z0-9._-]+)$");
        // the walking sandbox FGW lists its items by itself: the code, then the item list, each with its link
        Map<String, String> tokens = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (Map<String, Object> m : sms(mobile)) {
                Matcher found = link.matcher(String.valueOf(m.get("text")));
                if (found.find()) {
                    tokens.put(String.valueOf(m.get("event")), found.group(2));
                }
            }
            return tokens.keySet().containsAll(List.of("CODE_ASSIGNED", "ITEM_LIST_READY"));
        });

        for (String token : tokens.values()) {
            Response opened = given().queryParam("t", token).get("/status/" + code);
            assertEquals(200, opened.statusCode());
            assertTrue(opened.asString().contains(code) && opened.asString().contains("项目单位"), opened.asString());
        }
        String token = tokens.get("CODE_ASSIGNED");
        String tampered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        given().queryParam("t", tampered).get("/status/" + code).then().statusCode(404);
        given().queryParam("t", StatusPageAccessTest.expired(key, code)).get("/status/" + code).then().statusCode(404);
        // the link opens its own project only
        String other = codedProject(Fixtures.mobile());
        given().queryParam("t", token).get("/status/" + other).then().statusCode(404);
    }
}
