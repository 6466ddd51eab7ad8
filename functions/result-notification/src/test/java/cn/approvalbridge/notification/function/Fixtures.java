package cn.approvalbridge.notification.function;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.restassured.path.json.JsonPath;

/**
 * Test data that never collides with earlier runs: the PostgreSQL (and H2 file) database outlives a run, so every
 * test uses fresh eventIds and numbers, and a random day far from other runs' days.
 */
final class Fixtures {

    static final String PROJECT_CODE = "2603-141124-89-05-346948";
    static final String PROJECT_NAME = "尧都区城市更新示范项目";
    /** What the hub sends with every notice to the project unit: its status page's address and the signed token. */
    static final String STATUS_PAGE = "https://hub.example.gov.cn";
    static final String STATUS_TOKEN = "hzq.0123456789abcdef";
    static final String STATUS_LINK = STATUS_PAGE + "/status/" + PROJECT_CODE + "?t=" + STATUS_TOKEN;

    private Fixtures() {
    }

    static String eventId() {
        return "evt-" + UUID.randomUUID();
    }

    /** A number in 186xxxxxxxx: never a sandbox magic number. */
    static String mobile() {
        return "186" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** 10:00 Beijing time on a random day of 2030–2049, so that per-day limits never see another run's sends. */
    static LocalDateTime randomMorning() {
        return LocalDate.of(2030, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(7300)).atTime(LocalTime.of(10, 0));
    }

    static Map<String, Object> request(String eventId, String event, String mobile, Map<String, String> params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", eventId);
        body.put("event", event);
        body.put("mobile", mobile);
        body.put("projectCode", PROJECT_CODE);
        body.put("projectName", PROJECT_NAME);
        Map<String, String> all = new LinkedHashMap<>(Map.of("statusPage", STATUS_PAGE, "statusToken", STATUS_TOKEN));
        all.putAll(params);
        body.put("params", all);
        body.put("urgent", false);
        return body;
    }

    static Map<String, Object> codeAssigned(String mobile) {
        return request(eventId(), "CODE_ASSIGNED", mobile, Map.of());
    }

    static JsonPath post(String function, Object body) {
        String answer = http().contentType(ContentType.JSON).body(body)
                .when().post("/" + function)
                .then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("rn.debug")) {
            System.out.println("DEBUG " + function + " " + body + " -> " + answer);
        }
        return new JsonPath(answer);
    }

    /**
     * The HTTP binding. RestAssured's default port is the Lambda mock event server (quarkus-amazon-lambda sets it), so
     * HTTP calls name the HTTP port explicitly.
     */
    static RequestSpecification http() {
        return anonymous().auth().preemptive().basic("hub", "sandbox");
    }

    /** The HTTP binding without the hub's identity. */
    static RequestSpecification anonymous() {
        return given().baseUri("http://localhost").port(httpPort());
    }

    static int httpPort() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    static JsonPath notifyResult(Object body) {
        return post("notifyResult", body);
    }

    static JsonPath flush() {
        return http().contentType(ContentType.JSON).when().post("/flushDeferred").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath status(String notificationId) {
        return post("notificationStatus", Map.of("notificationId", notificationId));
    }
}
