package cn.approvalbridge.hub.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The console's doors: the login form beside HTTP Basic, the roles of each page, and the CSRF token of its forms. */
@QuarkusTest
class ConsoleAccessTest {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** Logs in through the form as a browser does; answers the session cookie. */
    static String login(String user, String password) {
        Response r = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user).formParam("j_password", password).post("/console/j_security_check");
        r.then().statusCode(302).header("Location", endsWith("/console"));
        return r.getCookie("hub-console-session");
    }

    static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertTrue(m.find(), "the page carries a CSRF token: " + page);
        return m.group(1);
    }

    @Test
    void withoutCredentialsTheBrowserIsSentToTheLoginFormAndTheApiStillAnswers401() {
        given().redirects().follow(false).get("/console").then().statusCode(302)
                .header("Location", containsString("/console/login"));
        given().redirects().follow(false).get("/console/operations").then().statusCode(302)
                .header("Location", containsString("/console/login"));
        // scripts: a wrong Basic password gets the Basic challenge, not a redirect
        given().redirects().follow(false).auth().preemptive().basic("window", "wrong").get("/console").then()
                .statusCode(401).header("WWW-Authenticate", containsString("basic realm"));
        given().get("/api/v1/partners").then().statusCode(401).header("WWW-Authenticate", containsString("basic realm"));
        given().get("/console/login").then().statusCode(200).body(containsString("<label for=\"j_username\">用户名</label>"))
                .body(containsString("action=\"/console/j_security_check\""));
    }

    @Test
    void eachPageOpensOnlyForItsRolesAndOthersGetAPageInChinese() {
        given().auth().preemptive().basic("dept-FGW", "sandbox").get("/console").then().statusCode(403)
                .contentType(containsString("text/html")).body(containsString("无权访问"))
                .body(containsString("dept-FGW"));
        given().auth().preemptive().basic("utility-WATER", "sandbox").get("/console/projects/X").then().statusCode(403);
        given().auth().preemptive().basic("window", "sandbox").get("/console/operations").then().statusCode(403)
                .body(containsString("无权访问"));
        given().auth().preemptive().basic("window", "sandbox").get("/console").then().statusCode(200)
                .body(containsString("综合窗口工作台"));
        given().auth().preemptive().basic("operator", "sandbox").get("/console").then().statusCode(200);
        given().auth().preemptive().basic("operator", "sandbox").get("/console/operations").then().statusCode(200)
                .body(containsString("死信"));
    }

    @Test
    void theFormLogsInWithAnHttpOnlyStrictSessionCookieAndAWrongPasswordShowsTheFormAgain() {
        Response ok = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "window").formParam("j_password", "sandbox").post("/console/j_security_check");
        ok.then().statusCode(302);
        String cookie = ok.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith("hub-console-session="))
                .findFirst().orElseThrow();
        String attributes = cookie.toLowerCase();
        assertTrue(attributes.contains("; httponly") && attributes.contains("; samesite=strict")
                && attributes.contains("; path=/console"), cookie);
        assertTrue(!attributes.contains("; secure"), "plain HTTP on the embedded default: " + cookie);
        String session = ok.getCookie("hub-console-session");
        given().cookie("hub-console-session", session).get("/console").then().statusCode(200)
                .body(containsString("综合窗口：window"));
        // the session does not open the API: that stays HTTP Basic
        given().cookie("hub-console-session", session).get("/api/v1/projects/X").then().statusCode(401);

        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "window").formParam("j_password", "wrong").post("/console/j_security_check")
                .then().statusCode(302).header("Location", containsString("/console/login?error=1"));
        given().get("/console/login?error=1").then().body(containsString("用户名或密码错误"));
        // a department logs in, but the console is not for it
        given().cookie("hub-console-session", login("dept-ZJ", "sandbox")).get("/console").then().statusCode(403)
                .body(containsString("无权访问"));
    }

    @Test
    void everyPostFormNeedsTheUsersCsrfToken() {
        String window = login("window", "sandbox");
        String operator = login("operator", "sandbox");
        String windowToken = csrf(given().cookie("hub-console-session", window).get("/console").asString());
        String operatorToken = csrf(given().cookie("hub-console-session", operator).get("/console/operations").asString());

        given().redirects().follow(false).cookie("hub-console-session", window).formParam("declarationId", "X")
                .formParam("task", "RESULTS_READY").post("/console/tasks").then().statusCode(403)
                .body(containsString("请求已失效"));
        given().redirects().follow(false).cookie("hub-console-session", operator)
                .post("/console/operations/dead-letters/no-such-id/resolve").then().statusCode(403)
                .body(containsString("请求已失效"));
        // one user's token is not another's
        given().redirects().follow(false).cookie("hub-console-session", operator).formParam("_csrf", windowToken)
                .post("/console/operations/dead-letters/no-such-id/replay").then().statusCode(403);
        // with its own token the request is looked at: this dead letter does not exist
        given().redirects().follow(false).cookie("hub-console-session", operator).formParam("_csrf", operatorToken)
                .post("/console/operations/dead-letters/no-such-id/replay").then().statusCode(404)
                .body(containsString("未找到"));
        given().redirects().follow(false).cookie("hub-console-session", operator).formParam("_csrf", operatorToken)
                .formParam("partner", "").post("/console/operations/dead-letters/replay").then().statusCode(303)
                .header("Location", containsString("need-filter"));

        // logout needs the token too, and drops the cookie
        given().redirects().follow(false).cookie("hub-console-session", window).post("/console/logout").then()
                .statusCode(403);
        Response out = given().redirects().follow(false).cookie("hub-console-session", window)
                .formParam("_csrf", windowToken).post("/console/logout");
        out.then().statusCode(303).header("Location", containsString("/console/login?logout=1"));
        assertTrue(out.headers().getValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith("hub-console-session=;") && c.contains("Max-Age=0")), out.headers().toString());
        given().get("/console/login?logout=1").then().body(containsString("您已退出登录"))
                .body(not(containsString("退出登录</button>")));
    }
}
