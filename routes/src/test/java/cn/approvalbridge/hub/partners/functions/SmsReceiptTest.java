package cn.approvalbridge.hub.partners.functions;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.notification.NotificationService;
import cn.approvalbridge.notification.NotificationStatusRequest;
import cn.approvalbridge.notification.SandboxSmsProvider;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The SMS providers' receipts as a provider and as a forger see them (issue 12). */
@QuarkusTest
class SmsReceiptTest {

    @Inject
    NotificationService notifications;

    /** The sandbox's number whose SMS stay SENT (no receipt of its own), as a real gateway's until its receipt. */
    private static final String MOBILE = SandboxSmsProvider.NO_RECEIPT;

    /** The notificationId of the CODE_ASSIGNED SMS of a new project, sent to {@link #MOBILE}. */
    private static String sentSms() {
        String declarationId = given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                .body(Fixtures.declaration(Fixtures.uniqueId("R"), MOBILE, List.of("FGW"))).post("/api/v1/declarations")
                .then().statusCode(202).extract().path("declarationId");
        String[] code = new String[1];
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            code[0] = given().auth().preemptive().basic("window", "sandbox").get("/api/v1/declarations/" + declarationId)
                    .then().extract().path("projectCode");
            if (code[0] == null) {
                return false;
            }
            List<Map<String, Object>> sms = given().queryParam("mobile", MOBILE).get("/sandbox/sms").then()
                    .extract().jsonPath().getList("$");
            sms.stream().filter(m -> "CODE_ASSIGNED".equals(m.get("event")) && String.valueOf(m.get("text")).contains(code[0]))
                    .findFirst().ifPresent(m -> id[0] = (String) m.get("notificationId"));
            return id[0] != null;
        });
        return id[0];
    }

    private String status(String notificationId) {
        return String.valueOf(notifications.status(NotificationStatusRequest.byNotificationId(notificationId)).status);
    }

    /** Every status the notification has been in, oldest first. */
    private List<String> history(String notificationId) {
        return notifications.status(NotificationStatusRequest.byNotificationId(notificationId)).history.stream()
                .map(h -> String.valueOf(h.status)).toList();
    }

    private static List<Map<String, Object>> aliyunReport(String mobile, String outId, boolean success) {
        return List.of(Map.of("phone_number", mobile, "send_time", "2026-03-10 10:00:00", "report_time",
                "2026-03-10 10:00:05", "success", success, "err_code", success ? "DELIVERED" : "MK:0001", "err_msg",
                success ? "用户接收成功" : "用户拒收", "sms_size", "1", "biz_id", "900619746936498440^0", "out_id", outId));
    }

    @Test
    void aReceiptWithoutTheRightKeyIs401AndChangesNothing() {
        String mobile = MOBILE;
        String id = sentSms();
        String before = status(id);
        given().contentType(ContentType.JSON).body(aliyunReport(mobile, id, false)).post("/api/v1/sms-receipts/aliyun")
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body(aliyunReport(mobile, id, false)).queryParam("key", "sandbox-guess")
                .post("/api/v1/sms-receipts/aliyun").then().statusCode(401);
        given().contentType(ContentType.JSON).body(List.of()).queryParam("key", "sandbox")
                .post("/api/v1/sms-receipts/unknown").then().statusCode(404);
        // a right receipt afterwards is still taken: nothing was queued by the refused ones
        given().contentType(ContentType.JSON).body(aliyunReport(mobile, id, true)).queryParam("key", "sandbox")
                .post("/api/v1/sms-receipts/aliyun").then().statusCode(200).body("code", equalTo(0));
        await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(id)));
        assertEquals("SENT", before);
        // the refused FAILED receipts never reached the ledger
        assertFalse(history(id).contains("FAILED"), history(id).toString());
    }

    @Test
    void aReceiptThatMatchesNoSentMessageChangesNothing() throws Exception {
        String mobile = MOBILE;
        String id = sentSms();
        // the right message id with another number, a made-up id with the right number: answered as the provider
        // expects (it would retry otherwise), nothing moves
        given().contentType(ContentType.JSON).body(aliyunReport(Fixtures.mobile(), id, false)).queryParam("key", "sandbox")
                .post("/api/v1/sms-receipts/aliyun").then().statusCode(200).body("code", equalTo(0))
                .body("msg", equalTo("成功"));
        given().contentType(ContentType.JSON).body(aliyunReport(mobile, "no-such-notification", false))
                .queryParam("key", "sandbox").post("/api/v1/sms-receipts/aliyun").then().statusCode(200);
        given().contentType(ContentType.JSON).body(List.of(Map.of("user_receive_time", "2026-03-10 10:00:07",
                "nationcode", "86", "mobile", mobile, "report_status", "FAIL", "errmsg", "E:REJECTD", "description",
                "用户拒收", "sid", "guessed-serial-no"))).queryParam("key", "sandbox").post("/api/v1/sms-receipts/tencent")
                .then().statusCode(200).body("result", equalTo(0)).body("errmsg", equalTo("OK"));
        // then a matching one, so the wait above proves the earlier ones were handed over and ignored
        given().contentType(ContentType.JSON).body(aliyunReport(mobile, id, false)).queryParam("key", "sandbox")
                .post("/api/v1/sms-receipts/aliyun").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> "FAILED".equals(status(id)));
        // only the matching receipt moved it
        assertEquals(1, java.util.Collections.frequency(history(id), "FAILED"), history(id).toString());
    }

    @Test
    void aReceiptThatIsNotTheProvidersArrayIs400() {
        given().contentType(ContentType.JSON).body("{\"biz_id\":\"x\"}").queryParam("key", "sandbox")
                .post("/api/v1/sms-receipts/aliyun").then().statusCode(400).body(org.hamcrest.Matchers.containsString("body"));
    }
}
