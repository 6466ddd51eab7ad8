package cn.approvalbridge.hub.console;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.approvalbridge.hub.Fixtures;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The window, the departments and the providers as the console's tests need them, through the hub's API. */
final class ConsoleJourney {

    private ConsoleJourney() {
    }

    /** Declared for these departments, passed by the sandbox, coded, every department asked for its item list. */
    static String codedProject(String declarationId, String mobile, List<String> departments) {
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                .body(Fixtures.declaration(declarationId, mobile, departments)).post("/api/v1/declarations").then()
                .statusCode(202);
        String[] code = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> (code[0] = project("/api/v1/declarations/" + declarationId)
                .getString("projectCode")) != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> project("/api/v1/projects/" + code[0])
                .getList("approval.itemLists").size() == departments.size());
        return code[0];
    }

    static JsonPath project(String path) {
        return given().auth().preemptive().basic("window", "sandbox").get(path).then().statusCode(200).extract().jsonPath();
    }

    static void itemList(String code, String dept, String itemCode, String itemName, String stage) {
        given().auth().preemptive().basic("dept-" + dept, "sandbox").contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("itemCode", itemCode, "itemName", itemName, "timeLimitDays", 5,
                        "stage", stage, "prerequisites", List.of()))))
                .post("/api/v1/projects/" + code + "/item-lists").then().statusCode(202);
    }

    static void materials(String code, String submissionId, List<Map<String, String>> documents) {
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("submissionId", submissionId, "documents", documents))
                .post("/api/v1/projects/" + code + "/materials").then().statusCode(202);
    }

    static void returned(String code, String dept, String itemCode, String reasons) {
        given().auth().preemptive().basic("dept-" + dept, "sandbox").contentType(ContentType.JSON)
                .body(Map.of("itemCode", itemCode, "decision", "RETURNED", "reasons", reasons))
                .post("/api/v1/projects/" + code + "/material-reviews").then().statusCode(202);
    }

    /** A provider's report the hub refuses: it is kept as a dead letter for the operators. */
    static void badProviderReport(String utility, String applicationId) {
        given().auth().preemptive().basic("utility-" + utility, "sandbox").contentType(ContentType.JSON)
                .body("{\"applicationId\":\"" + applicationId + "\",\"state\":\"BOILING\"}")
                .post("/api/v1/utility-providers/" + utility + "/status").then().statusCode(400);
    }

    /** The window applies for the water connection (水电气暖信 one form); its SMS carry the unit's status page link. */
    static void waterApplication(String code, String mobile) {
        Map<String, Object> form = new java.util.LinkedHashMap<>();
        form.put("applicationId", Fixtures.uniqueId("UW"));
        form.put("utilities", List.of("WATER"));
        form.put("site", "尧都区屯里镇物流园1号地块");
        form.put("contact", Map.of("name", "王五", "mobile", mobile));
        form.put("water", Map.of("dailyDemandM3", 120.5, "pipeDiameterMm", 100));
        // TestClock starts Wednesday 2026-03-04: the unit can host the survey the week after
        form.put("surveyWindows", List.of(Map.of("from", "2026-03-09", "to", "2026-03-13")));
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(form)
                .post("/api/v1/projects/" + code + "/utility-applications").then().statusCode(202);
    }

    static List<String> trailKinds(String code) {
        return project("/api/v1/projects/" + code + "/trail").getList("entries.kind");
    }

    /** The status page link ("/status/<code>?t=...") of an SMS the unit received. */
    static String statusLink(String mobile, String code) {
        Pattern link = Pattern.compile("(/status/" + code + "\\?t=[A-Za-z0-9._-]+)");
        String[] found = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (Object text : given().queryParam("mobile", mobile).get("/sandbox/sms").then().statusCode(200).extract()
                    .jsonPath().getList("text")) {
                Matcher m = link.matcher(String.valueOf(text));
                if (m.find()) {
                    found[0] = m.group(1);
                }
            }
            return found[0] != null;
        });
        return found[0];
    }
}
