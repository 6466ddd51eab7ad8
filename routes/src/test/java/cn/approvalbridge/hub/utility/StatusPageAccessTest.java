package cn.approvalbridge.hub.utility;

import static cn.approvalbridge.hub.utility.UtilityTestSupport.codedProject;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.platform.security.DoorsProfile;
import cn.approvalbridge.hub.platform.security.StatusTokens;
import cn.approvalbridge.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** The status page as a stranger, an attacker guessing tokens and the project unit see it (issue 12). */
@QuarkusTest
@TestProfile(DoorsProfile.class)
class StatusPageAccessTest {

    @Inject
    StatusTokens tokens;

    @ConfigProperty(name = "hub.status-page.key")
    String key;

    @Inject
    Db db;

    /** The limiter's counts are in the store: an earlier run's wrong tokens within the minute would still count. */
    @BeforeEach
    void forgetEarlierRuns() {
        DoorsProfile.forgetFailedLogins(db, "198.51.100.60", "198.51.100.61");
    }

    private static Response page(String code, String token, String client) {
        var spec = given().header("X-Forwarded-For", client);
        if (token != null) {
            spec = spec.queryParam("t", token);
        }
        return spec.get("/status/" + code);
    }

    @Test
    void onlyTheSignedLinkOpensThePage() throws Exception {
        String mobile = Fixtures.mobile();
        String code = codedProject(mobile);
        String other = codedProject(Fixtures.mobile());
        String client = "198.51.100.50";

        // the mobile number alone, a token of another project, an altered or an expired token: nothing
        given().header("X-Forwarded-For", client).queryParam("mobile", mobile).get("/status/" + code).then()
                .statusCode(404);
        page(code, tokens.issue(other), client).then().statusCode(404);
        String good = tokens.issue(code);
        assertTrue(good.length() <= 20, good);
        String altered = good.substring(0, good.length() - 1) + (good.endsWith("A") ? "B" : "A");
        page(code, altered, client).then().statusCode(404);
        page(code, expired(key, code), client).then().statusCode(404);

        Response opened = page(code, good, client);
        assertEquals(200, opened.statusCode());
        assertTrue(opened.asString().contains(code) && opened.asString().contains("项目单位"));
        // staff see it with their login
        given().auth().preemptive().basic("window", "sandbox").get("/status/" + code).then().statusCode(200);
    }

    @Test
    void wrongTokensAreLimitedLikeLogins() {
        String code = "2026-141002-34-01-999999";
        String attacker = "198.51.100.60";
        for (int i = 0; i < 10; i++) {
            page(code, "hzq.guess" + i, attacker).then().statusCode(404);
        }
        Response limited = page(code, "hzq.guess10", attacker);
        assertEquals(429, limited.statusCode());
        long wait = Long.parseLong(limited.header("Retry-After"));
        assertTrue(wait >= 1 && wait <= 60, "Retry-After " + wait);
        page(code, "hzq.guess11", "198.51.100.61").then().statusCode(404);
    }

    /** A token of the right form and key whose expiry day has passed. */
    static String expired(String key, String code) throws Exception {
        String e = Long.toString(LocalDate.now(ZoneOffset.UTC).minusDays(1).toEpochDay(), 36);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] full = mac.doFinal((code + "|" + e).getBytes(StandardCharsets.UTF_8));
        return e + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 12));
    }
}
