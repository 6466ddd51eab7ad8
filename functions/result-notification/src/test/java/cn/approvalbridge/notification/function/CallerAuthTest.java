package cn.approvalbridge.notification.function;

import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Only the hub may send SMS or report deliveries over HTTP (issue 12). */
@QuarkusTest
class CallerAuthTest {

    @Test
    void everyCallButHealthNeedsTheHubsIdentity() {
        String mobile = Fixtures.mobile();
        Map<String, Object> notice = Fixtures.codeAssigned(mobile);
        Fixtures.anonymous().contentType(ContentType.JSON).body(notice).post("/notifyResult").then().statusCode(401);
        Fixtures.anonymous().auth().preemptive().basic("hub", "wrong").contentType(ContentType.JSON).body(notice)
                .post("/notifyResult").then().statusCode(401);
        for (String function : List.of("aliyunSmsReport", "tencentSmsReport", "notificationStatus", "flushDeferred",
                "sandboxMessages")) {
            Fixtures.anonymous().contentType(ContentType.JSON).body("[]").post("/" + function).then().statusCode(401);
        }
        Fixtures.anonymous().get("/q/health/ready").then().statusCode(200);
        // nothing was sent to the number by the refused call
        Fixtures.http().contentType(ContentType.JSON).body(Map.of("mobile", mobile)).post("/sandboxMessages").then()
                .statusCode(200).body("size()", equalTo(0));
    }
}
