package cn.approvalbridge.hub.platform.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Partner logins as an attacker and as a partner see them (issue 12: bcrypt identities, failed-login limit). */
@QuarkusTest
@TestProfile(DoorsProfile.class)
class LoginLimitTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    Db db;

    /** The counts are in the store and outlive the application: an earlier run's within the window would count. */
    @BeforeEach
    void forgetEarlierRuns() {
        DoorsProfile.forgetFailedLogins(db, "198.51.100.1", "203.0.113.7", "203.0.113.8", "203.0.113.50", "127.0.0.2",
                "203.0.113.20", "203.0.113.21");
    }

    private Response get(String host, String forwardedFor, String user, String password) {
        var spec = given().baseUri("http://" + host).port(port).auth().preemptive().basic(user, password);
        if (forwardedFor != null) {
            spec = spec.header("X-Forwarded-For", forwardedFor);
        }
        return spec.get("/api/v1/dead-letters");
    }

    @Test
    void identityHashedWithTheDocumentedCommandLogsIn() {
        get("127.0.0.1", "198.51.100.1", DoorsProfile.PARTNER, DoorsProfile.PARTNER_PASSWORD).then().statusCode(200);
        get("127.0.0.1", "198.51.100.1", DoorsProfile.PARTNER, "c0rrect horse batterY").then().statusCode(401)
                .header("WWW-Authenticate", containsString("basic realm"));
        get("127.0.0.1", "198.51.100.1", "nobody", DoorsProfile.PARTNER_PASSWORD).then().statusCode(401);
        // the sandbox identities have no place in a partner's role
        get("127.0.0.1", "198.51.100.1", "window", "sandbox").then().statusCode(403);
    }

    @Test
    void tenFailuresFromOneAddressThen429WhileTheRightPasswordStillPasses() {
        String attacker = "203.0.113.7";
        for (int i = 1; i <= 10; i++) {
            get("127.0.0.1", attacker, "operator", "guess-" + i).then().statusCode(401);
        }
        Response limited = get("127.0.0.1", attacker, "operator", "guess-11");
        assertEquals(429, limited.statusCode());
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        get("127.0.0.1", attacker, "operator", "guess-12").then().statusCode(429);
        // the partner behind the same address is still served
        get("127.0.0.1", attacker, "operator", "sandbox").then().statusCode(200);
        // X-Forwarded-For from the trusted proxy names the client: another client is not limited
        get("127.0.0.1", "203.0.113.8", "operator", "guess-1").then().statusCode(401);
        String metrics = given().baseUri("http://127.0.0.1").port(port).get("/q/metrics").asString();
        assertTrue(metrics.contains("hub_logins_failed_total{door=\"basic\"") , "failed logins counted in metrics");
        assertTrue(metrics.contains("hub_logins_limited_total{door=\"basic\""), "limited logins counted in metrics");
    }

    @Test
    void failuresAnotherReplicaCountedLimitThisOne() {
        String attacker = "203.0.113.50";
        LoginLimiter otherReplica = LoginLimiterReplicasTest.replica(db);
        for (int i = 1; i <= 10; i++) {
            assertEquals(0, otherReplica.failed(attacker, "basic"));
        }
        // the attacker's 11th guess reaches this hub: limited at once, not after ten more
        Response limited = get("127.0.0.1", attacker, "operator", "guess-11");
        assertEquals(429, limited.statusCode());
        assertTrue(Long.parseLong(limited.header("Retry-After")) <= 60);
        // this hub's failure went to the same count
        int counted = db.read(c -> Db.value(c, "SELECT SUM(failures) FROM hub_login_failure WHERE limit_key = ?",
                rs -> rs.getInt(1), attacker));
        assertEquals(11, counted);
        get("127.0.0.1", attacker, "operator", "sandbox").then().statusCode(200);
    }

    private Response formLogin(String forwardedFor, String user, String password) {
        return given().baseUri("http://127.0.0.1").port(port).header("X-Forwarded-For", forwardedFor).redirects()
                .follow(false).contentType("application/x-www-form-urlencoded").formParam("j_username", user)
                .formParam("j_password", password).post("/console/j_security_check");
    }

    /** The console's login form, as a person guessing passwords in a browser sees it. */
    @Test
    void theLoginFormAnswersGuessesPastTheLimit429InChinese() {
        String guesser = "203.0.113.20";
        for (int i = 1; i <= 10; i++) {
            formLogin(guesser, "window", "guess-" + i).then().statusCode(302)
                    .header("Location", containsString("/console/login?error=1"));
        }
        Response limited = formLogin(guesser, "window", "guess-11");
        assertEquals(429, limited.statusCode(), limited.asString());
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertTrue(limited.contentType().startsWith("text/html"), limited.contentType());
        assertTrue(limited.asString().contains("<html lang=\"zh-CN\">") && limited.asString().contains("登录失败次数过多")
                && limited.asString().contains("请在 " + retryAfter + " 秒后再试"), limited.asString());
        assertTrue(limited.getCookie(LimitedFormAuthentication.SESSION_COOKIE) == null, "no session for a guess");
        // as over HTTP Basic, the right password still passes (one guesser cannot lock the window's staff out)
        Response right = formLogin(guesser, "window", "sandbox");
        right.then().statusCode(302).header("Location", endsWith("/console"));
        assertTrue(right.getCookie(LimitedFormAuthentication.SESSION_COOKIE) != null);
        String metrics = given().baseUri("http://127.0.0.1").port(port).get("/q/metrics").asString();
        assertTrue(metrics.contains("hub_logins_limited_total{door=\"form\""), "limited form logins counted in metrics");
    }

    @Test
    void forwardedForFromAnUntrustedAddressIsIgnored() throws Exception {
        // a connection from 127.0.0.2, which is not a trusted proxy: a new X-Forwarded-For on every guess does not
        // reset the count
        for (int i = 1; i <= 10; i++) {
            assertEquals(401, RawHttp.status(RawHttp.get("127.0.0.2", port, "/api/v1/dead-letters", "operator",
                    "guess-" + i, "192.0.2." + i)));
        }
        String limited = RawHttp.get("127.0.0.2", port, "/api/v1/dead-letters", "operator", "guess-11", "192.0.2.99");
        assertEquals(429, RawHttp.status(limited));
        assertTrue(limited.toLowerCase().contains("retry-after:"), limited);
        assertEquals(200, RawHttp.status(RawHttp.get("127.0.0.2", port, "/api/v1/dead-letters", "operator", "sandbox",
                "192.0.2.100")));
    }
}
