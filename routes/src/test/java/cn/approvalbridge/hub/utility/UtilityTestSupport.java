package cn.approvalbridge.hub.utility;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.approvalbridge.hub.Fixtures;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Coded projects and joint forms for the utility tests (unique ids per run: the PostgreSQL test database persists). */
final class UtilityTestSupport {

    private UtilityTestSupport() {
    }

    /** Declares a project in the sandbox and waits for its code. */
    static String codedProject(String mobile) {
        String id = given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                .body(Fixtures.declaration(Fixtures.uniqueId("U"), mobile, List.of("FGW"))).post("/api/v1/declarations")
                .then().statusCode(202).extract().path("declarationId");
        String[] code = new String[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            code[0] = given().auth().preemptive().basic("window", "sandbox").get("/api/v1/declarations/" + id).then()
                    .extract().path("projectCode");
            return code[0] != null;
        });
        return code[0];
    }

    static Map<String, Object> form(String applicationId, String mobile, String... utilities) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("applicationId", applicationId);
        f.put("utilities", List.of(utilities));
        f.put("site", "尧都区屯里镇物流园1号地块");
        f.put("contact", Map.of("name", "王五", "mobile", mobile));
        f.put("water", Map.of("dailyDemandM3", 120.5, "pipeDiameterMm", 100));
        f.put("power", Map.of("capacityKva", 630, "voltageKv", 10));
        f.put("gas", Map.of("peakM3PerHour", 80));
        f.put("heat", Map.of("areaM2", 12000));
        f.put("telecom", Map.of("lines", 4));
        // TestClock starts Wednesday 2026-03-04: the unit can host the survey in the next two weeks
        f.put("surveyWindows", List.of(Map.of("from", "2026-03-09", "to", "2026-03-13"),
                Map.of("from", "2026-03-16", "to", "2026-03-20")));
        return f;
    }

    static io.restassured.response.ValidatableResponse apply(String projectCode, Map<String, Object> form) {
        return given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(form)
                .post("/api/v1/projects/" + projectCode + "/utility-applications").then();
    }

    static JsonPath status(String projectCode) {
        return given().auth().preemptive().basic("window", "sandbox").get("/api/v1/projects/" + projectCode + "/status")
                .then().statusCode(200).extract().jsonPath();
    }

    static List<String> states(String projectCode) {
        return status(projectCode).getList("utilities.state");
    }

    static List<Map<String, Object>> sms(String mobile) {
        return new ArrayList<>(given().queryParam("mobile", mobile).get("/sandbox/sms").then().statusCode(200).extract()
                .jsonPath().getList("$"));
    }

    /** The status page link ("status/<code>?t=<token>") of the last SMS to this number that carries one. */
    static String statusLink(String mobile, String projectCode) {
        java.util.regex.Pattern link = java.util.regex.Pattern.compile("/(status/" + projectCode + "\\?t=[A-Za-z0-9._-]+)");
        String[] found = new String[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (Map<String, Object> m : sms(mobile)) {
                java.util.regex.Matcher matcher = link.matcher(String.valueOf(m.get("text")));
                if (matcher.find()) {
                    found[0] = matcher.group(1);
                }
            }
            return found[0] != null;
        });
        return found[0];
    }

    static List<String> trailKinds(String projectCode) {
        return given().auth().preemptive().basic("operator", "sandbox").get("/api/v1/projects/" + projectCode + "/trail")
                .then().statusCode(200).extract().jsonPath().getList("entries.kind");
    }

    /** The kinds of the trail entries one partner (or monitor) recorded. */
    static List<String> trailKinds(String projectCode, String partner) {
        return given().auth().preemptive().basic("operator", "sandbox").get("/api/v1/projects/" + projectCode + "/trail")
                .then().statusCode(200).extract().jsonPath()
                .getList("entries.findAll { it.partner == '" + partner + "' }.kind");
    }

    static List<Map<String, Object>> deadLetters(String about) {
        return Fixtures.deadLettersAbout(about);
    }
}
