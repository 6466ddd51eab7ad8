package cn.approvalbridge.hub.hardening;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import cn.approvalbridge.hub.Fixtures;
import io.restassured.http.ContentType;

/** What the hardening tests share: a declaration through the API, and the project code the sandbox gives it. */
final class Hardening {

    private Hardening() {
    }

    static String declare(Map<String, Object> declaration) {
        return given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON).body(declaration)
                .post("/api/v1/declarations").then().statusCode(202).extract().path("declarationId");
    }

    static String codeOf(String declarationId) {
        String[] code = new String[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> (code[0] = given().auth().preemptive().basic("window", "sandbox")
                .get("/api/v1/declarations/" + declarationId).then().extract().path("projectCode")) != null);
        return code[0];
    }

    static String codedProject(String mobile) {
        return codeOf(declare(Fixtures.declaration(Fixtures.uniqueId("H"), mobile, List.of("FGW"))));
    }
}
