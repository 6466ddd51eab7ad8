package cn.approvalbridge.hub.approval;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import cn.approvalbridge.hub.Fixtures;
import io.restassured.http.ContentType;

/** Steps 4-7 as the window and the departments drive them in the tests: the common first part of each journey. */
final class ApprovalApi {

    private ApprovalApi() {
    }

    /**
     * The window declares a project for these departments; the sandbox departments pass its pre-review, it is coded,
     * and every department has been asked for its item list. Returns the project code.
     */
    static String codedProject(String declarationId, String mobile, List<String> departments) {
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                .body(Fixtures.declaration(declarationId, mobile, departments)).post("/api/v1/declarations").then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().preemptive().basic("window", "sandbox")
                .get("/api/v1/declarations/" + declarationId).then().extract().path("projectCode") != null);
        String code = given().auth().preemptive().basic("window", "sandbox").get("/api/v1/declarations/" + declarationId)
                .then().extract().path("projectCode");
        await().atMost(Duration.ofSeconds(20)).until(() -> PrerequisiteChainTest.project(code)
                .getList("approval.itemLists").size() == departments.size());
        return code;
    }

    /** A department's item list with one item of 5 working days. */
    static Map<String, Object> oneItem(String itemCode, String itemName, String stage, List<String> prerequisites) {
        return Map.of("items", List.of(Map.of("itemCode", itemCode, "itemName", itemName, "timeLimitDays", 5, "stage",
                stage, "prerequisites", prerequisites)));
    }
}
