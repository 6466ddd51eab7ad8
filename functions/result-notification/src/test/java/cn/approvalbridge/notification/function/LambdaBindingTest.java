package cn.approvalbridge.notification.function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The Lambda binding answers an invocation through the mock event server (%test.quarkus.funqy.export=notifyResult,
 * as the SAM template sets QUARKUS_FUNQY_EXPORT).
 */
@QuarkusTest
class LambdaBindingTest {

    @Test
    void lambdaInvocationIsAnswered() {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        given().contentType(ContentType.JSON).body(Fixtures.codeAssigned(Fixtures.mobile()))
                .when().post("http://localhost:" + port + "/")
                .then().statusCode(200)
                .body("outcome", equalTo("SENT"))
                .body("text", startsWith("【投资项目审批】"));
    }

    @Test
    void lambdaRejectionIsAnAnswerToo() {
        var body = Fixtures.codeAssigned("110");
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        given().contentType(ContentType.JSON).body(body)
                .when().post("http://localhost:" + port + "/")
                .then().statusCode(200)
                .body("outcome", equalTo("REJECTED"))
                .body("errors[0].field", equalTo("mobile"));
    }
}
