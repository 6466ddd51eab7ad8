package cn.approvalbridge.hub.hardening;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Issue 12 (items 6, 7, 8): what an attacker sending bad input, or an operator reading the log, observes. Each bad body
 * is a 400 naming the field, stores nothing, and leaves no stack trace in the answer or the log; no mobile number in
 * any written form, nor a credit code, is ever written unmasked to the log or the metrics.
 */
@QuarkusTest
class InputHardeningTest {

    static final Path LOG = Path.of("target/hub-test.log");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void badDeclarationsAre400NamingTheFieldAndStoreNothing() throws Exception {
        long logStart = logLength();
        List<String[]> cases = new ArrayList<>();
        cases.add(bad("totalInvestment", "too_large", with("totalInvestment", "1e309")));
        cases.add(bad("totalInvestment", "too_large", with("totalInvestment", "1e40")));
        cases.add(bad("totalInvestment", "not_a_number", with("totalInvestment", "\"NaN\"")));
        cases.add(bad("declarationId", "format", with("declarationId", "\".\"")));
        cases.add(bad("declarationId", "format", with("declarationId", "\"..\"")));
        cases.add(bad("plannedStart", "out_of_range", with("plannedStart", "\"0000-01\"")));
        cases.add(bad("plannedFinish", "out_of_range", with("plannedFinish", "\"9999-12\"")));
        cases.add(bad("projectName", "control_character", with("projectName", "\"a\\u0000b\"")));
        cases.add(bad("site", "control_character", with("site", "\"x\\u0007y\"")));
        cases.add(bad("scale", "control_character", with("scale", "\"lone \\ud800 surrogate\"")));
        String body = declaration(Fixtures.uniqueId("H"));
        cases.add(bad("declarationId", "duplicate_key", body.replaceFirst("\\{", "{\"declarationId\":\"H-dup\",")));
        cases.add(bad("unit.contactName", "duplicate_key", body.replace("\"contactName\":", "\"contactName\":\"a\",\"contactName\":")));
        cases.add(bad("$", "trailing_content", body + " {\"declarationId\":\"other\"}"));
        cases.add(bad("$", "malformed_json", body + " garbage"));
        for (String[] c : cases) {
            Response r = given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                    .body(c[2].getBytes(StandardCharsets.UTF_8)).post("/api/v1/declarations");
            String answer = r.asString();
            assertEquals(400, r.statusCode(), c[0] + " → " + answer);
            assertTrue(r.jsonPath().getList("errors.field").contains(c[0]), c[0] + " → " + answer);
            assertTrue(r.jsonPath().getList("errors.code").contains(c[1]), c[0] + " → " + answer);
            assertFalse(answer.contains("Exception") || answer.contains("\tat "), answer);
        }
        // nothing of any of them was stored
        given().auth().preemptive().basic("window", "sandbox").get("/api/v1/declarations/H-dup").then().statusCode(404);
        // the utility form's numbers too
        String code = Hardening.codedProject(Fixtures.mobile());
        String form = "{\"applicationId\":\"..\",\"utilities\":[\"WATER\"],\"site\":\"s\",\"contact\":{\"name\":\"n\","
                + "\"mobile\":\"13800138000\"},\"water\":{\"dailyDemandM3\":1e309,\"pipeDiameterMm\":1e40},"
                + "\"surveyWindows\":[{\"from\":\"1999-12-31\",\"to\":\"2026-03-10\"}]}";
        Response r = given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(form)
                .post("/api/v1/projects/" + code + "/utility-applications");
        assertEquals(400, r.statusCode(), r.asString());
        assertTrue(r.jsonPath().getList("errors.field").containsAll(List.of("applicationId", "water.dailyDemandM3",
                "water.pipeDiameterMm", "surveyWindows[0].from")), r.asString());
        String log = newLog(logStart);
        // the test profile's log file is JSON: a stack trace would be an "exception" with its frames
        assertFalse(log.contains("\"exception\"") || log.contains("\tat ") || log.contains("NumberFormatException"), log);
    }

    @Test
    void anErrorAnswerListsAtMost100ErrorsAndTheirCount() {
        Map<String, Object> d = new LinkedHashMap<>(Fixtures.declaration(Fixtures.uniqueId("H"), Fixtures.mobile(), List.of("FGW")));
        d.put("preReviewDepartments", Collections.nCopies(100_000, "NOPE"));
        Response r = given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(d)
                .post("/api/v1/declarations");
        assertEquals(400, r.statusCode());
        assertEquals(100, r.jsonPath().getList("errors").size());
        assertEquals(100_000, r.jsonPath().getInt("errorCount"));
        assertTrue(r.asString().length() < 30_000, "answer of " + r.asString().length() + " characters");
    }

    @Test
    void noMobileNumberInAnyWrittenFormNorACreditCodeReachesTheLogOrTheMetrics() throws Exception {
        String mobile = Fixtures.mobile();
        String spaced = "+86 " + mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " " + mobile.substring(7);
        String dashed = "0086-" + mobile.substring(0, 3) + "-" + mobile.substring(3, 7) + "-" + mobile.substring(7);
        String fullWidth = fullWidth(mobile);
        String creditCode = Fixtures.creditCode();
        // a journey: declared with a spaced +86 number, coded, told by SMS
        Map<String, Object> d = new LinkedHashMap<>(Fixtures.declaration(Fixtures.uniqueId("H"), spaced, List.of("FGW")));
        d.put("unit", Map.of("name", "临汾市某物流有限公司", "creditCode", creditCode, "contactName", "王五",
                "contactMobile", spaced));
        String id = given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(d)
                .post("/api/v1/declarations").then().statusCode(202).extract().path("declarationId");
        await().atMost(Duration.ofSeconds(15)).until(() -> !given().queryParam("mobile", mobile).get("/sandbox/sms")
                .then().extract().jsonPath().getList("$").isEmpty());
        // bad input carrying the number in every form, and the credit code, where it is quoted back or logged
        for (String form : List.of(mobile, "86" + mobile, spaced, dashed, fullWidth, creditCode, creditCode.toLowerCase())) {
            given().auth().preemptive().basic("utility-WATER", "sandbox").contentType(ContentType.JSON)
                    .body("{\"applicationId\":\"APP-1\",\"state\":\"" + form + "\"}")
                    .post("/api/v1/utility-providers/WATER/status").then().statusCode(400)
                    .body(not(containsString(form)));
            given().auth().preemptive().basic("utility-WATER", "sandbox").contentType(ContentType.JSON)
                    .body("{\"applicationId\":\"APP-1\",\"state\":" + form + "}")
                    .post("/api/v1/utility-providers/WATER/status").then().statusCode(400)
                    .body(not(containsString(form)));
            given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                    .body("{\"declarationId\":\"" + form + "\"}").post("/api/v1/declarations").then().statusCode(400)
                    .body(not(containsString(form)));
        }
        String view = given().auth().preemptive().basic("operator", "sandbox").get("/api/v1/dead-letters?limit=500")
                .then().statusCode(200).extract().asString();
        assertNoNumber("dead-letter view", view, mobile, creditCode);
        given().auth().preemptive().basic("window", "sandbox").get("/api/v1/declarations/" + id).then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertNoNumber("metrics", metrics, mobile, creditCode);
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertTrue(log.contains(cn.approvalbridge.support.Mobile.mask(mobile)), "the journey is in the log, masked");
        assertNoNumber("hub log", log, mobile, creditCode);
    }

    /** Independent of the masking's own pattern: separators dropped, full-width digits folded, then searched. */
    static void assertNoNumber(String where, String text, String mobile, String creditCode) {
        StringBuilder folded = new StringBuilder();
        for (char ch : text.toCharArray()) {
            if (ch >= '\uFF10' && ch <= '\uFF19') {
                folded.append((char) ('0' + ch - '\uFF10'));
            } else if (!Character.isWhitespace(ch) && ch != '-' && ch != '\u3000') {
                folded.append(ch);
            }
        }
        assertFalse(folded.toString().contains(mobile), where + " holds " + mobile + " unmasked");
        assertFalse(text.toUpperCase().contains(creditCode), where + " holds the credit code " + creditCode);
    }

    static String fullWidth(String digits) {
        StringBuilder sb = new StringBuilder();
        digits.chars().forEach(ch -> sb.append((char) ('\uFF10' + ch - '0')));
        return sb.toString();
    }

    static long logLength() throws Exception {
        return Files.exists(LOG) ? Files.size(LOG) : 0;
    }

    static String newLog(long from) throws Exception {
        byte[] all = Files.readAllBytes(LOG);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from), StandardCharsets.UTF_8);
    }

    private static String[] bad(String field, String code, String body) {
        return new String[] { field, code, body };
    }

    /** A valid declaration body with one field's JSON replaced by {@code rawJson}. */
    private static String with(String field, String rawJson) throws Exception {
        String body = declaration(Fixtures.uniqueId("H"));
        String marker = "\"__" + field + "__\"";
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(body);
        tree.put(field, "__" + field + "__");
        return JSON.writeValueAsString(tree).replace(marker, rawJson);
    }

    private static String declaration(String id) throws Exception {
        return JSON.writeValueAsString(Fixtures.declaration(id, Fixtures.mobile(), List.of("FGW")));
    }
}
