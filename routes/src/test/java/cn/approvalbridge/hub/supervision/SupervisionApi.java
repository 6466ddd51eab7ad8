package cn.approvalbridge.hub.supervision;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** What the supervision tests observe: the hub's answers, the sandbox 13710 system, SMS and metrics. */
final class SupervisionApi {

    private SupervisionApi() {
    }

    static String declare(Map<String, Object> body) {
        return given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(body)
                .post("/api/v1/declarations").then().statusCode(202).extract().path("declarationId");
    }

    static JsonPath declaration(String id) {
        return given().auth().preemptive().basic("window", "sandbox").get("/api/v1/declarations/" + id).then()
                .statusCode(200).extract().jsonPath();
    }

    static String decision(String id, String department) {
        return declaration(id).getList("departments", Map.class).stream()
                .filter(d -> department.equals(d.get("departmentCode"))).findFirst()
                .map(d -> (String) d.get("decision")).orElse(null);
    }

    static void answer(String id, String department) {
        given().auth().preemptive().basic("dept-" + department, "sandbox").contentType(ContentType.JSON)
                .body(Map.of("departmentCode", department, "decision", "PASS", "opinion", "同意"))
                .post("/api/v1/declarations/" + id + "/pre-review-opinions").then().statusCode(202);
    }

    /** The cases the sandbox 13710 system received about a declaration. */
    static List<Map<String, Object>> cases(String declarationId) {
        return given().queryParam("declarationId", declarationId).get("/sandbox/supervision/cases").then()
                .statusCode(200).extract().jsonPath().getList("$");
    }

    static void system(String rule) {
        given().contentType(ContentType.JSON).body(Map.of("rule", rule)).put("/sandbox/supervision/rule").then()
                .statusCode(200);
    }

    static int refused() {
        return given().get("/sandbox/supervision/rule").then().statusCode(200).extract().path("refused");
    }

    static List<Map<String, Object>> sms(String mobile) {
        return given().queryParam("mobile", mobile).get("/sandbox/sms").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    /** hub_supervision_cases_open{department} as Prometheus scrapes it. */
    static double openCases(String department) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^hub_supervision_cases_open\\{department=\"" + department + "\"[^}]*\\} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        if (!m.find()) {
            throw new AssertionError("no hub_supervision_cases_open series for " + department);
        }
        return Double.parseDouble(m.group(1));
    }
}
