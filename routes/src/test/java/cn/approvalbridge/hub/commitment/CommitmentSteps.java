package cn.approvalbridge.hub.commitment;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import cn.approvalbridge.hub.Fixtures;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The commitment journeys' HTTP steps as the window, the departments and the supervisor take them, and what they and
 * the sandbox partners observe: for the @QuarkusTests ({@link #inProcess()}) and for the ITs on the packaged hub
 * ({@link #at(String)}), so that both walk the same journey.
 */
final class CommitmentSteps {

    /** A project of the tests: its code, the unit's mobile and credit code, the declaration id. */
    record Project(String code, String mobile, String creditCode, String declarationId) {
        String base() {
            return "/api/v1/projects/" + code;
        }
    }

    private final Supplier<RequestSpecification> http;

    private CommitmentSteps(Supplier<RequestSpecification> http) {
        this.http = http;
    }

    /** The hub of a @QuarkusTest (RestAssured's port is the test's). */
    static CommitmentSteps inProcess() {
        return new CommitmentSteps(RestAssured::given);
    }

    /** A hub listening at {@code base} (http://host:port), e.g. a packaged one (HubProcess.base()). */
    static CommitmentSteps at(String base) {
        URI uri = URI.create(base);
        return new CommitmentSteps(() -> RestAssured.given().baseUri(uri.getScheme() + "://" + uri.getHost())
                .port(uri.getPort()));
    }

    RequestSpecification given() {
        return http.get();
    }

    RequestSpecification as(String user) {
        return http.get().auth().preemptive().basic(user, "sandbox");
    }

    // ---- the journey ------------------------------------------------------------------------------------------------

    /** The window declares for {@code department} a project of a unit with this credit code (not yet coded). */
    Project declare(String creditCode, String department) {
        return declare(creditCode, department, Fixtures.mobile());
    }

    /** The same, the unit's contact on {@code mobile}. */
    Project declare(String creditCode, String department, String mobile) {
        String id = Fixtures.uniqueId("CM");
        Map<String, Object> d = new HashMap<>(Fixtures.declaration(id, mobile, List.of(department)));
        @SuppressWarnings("unchecked")
        Map<String, Object> unit = new HashMap<>((Map<String, Object>) d.get("unit"));
        unit.put("creditCode", creditCode);
        d.put("unit", unit);
        as("window").contentType(ContentType.JSON).body(d).post("/api/v1/declarations").then().statusCode(202);
        return new Project(null, mobile, creditCode, id);
    }

    /** Waits until the declared project is coded and its department asked for its item list. */
    Project coded(Project declared) {
        String id = declared.declarationId();
        await().atMost(Duration.ofSeconds(60)).until(() -> as("window").get("/api/v1/declarations/" + id).then()
                .extract().path("projectCode") != null);
        String code = as("window").get("/api/v1/declarations/" + id).then().extract().path("projectCode");
        await().atMost(Duration.ofSeconds(30)).until(() -> project(code).getList("approval.itemLists").size() == 1);
        return new Project(code, declared.mobile(), declared.creditCode(), id);
    }

    /** The coded project's department lists {@code itemCode} (with these item-list terms); the window hands in materials. */
    void submitted(Project p, String department, String itemCode, Map<String, Object> terms) {
        boolean land = itemCode.startsWith("ZRZY");
        Map<String, Object> item = new HashMap<>(Map.of("itemCode", itemCode, "itemName", land ? "建设用地规划许可证核发"
                : "建设项目环境影响评价审批", "timeLimitDays", 10, "stage", land ? "立项用地规划许可" : "工程建设许可",
                "prerequisites", List.of()));
        item.putAll(terms);
        post("dept-" + department, p.base() + "/item-lists", Map.of("items", List.of(item))).statusCode(202);
        post("window", p.base() + "/materials", Map.of("submissionId", "S-" + p.declarationId())).statusCode(202);
    }

    /** A coded project of STHJ whose item {@code itemCode} (with these item-list terms) has its materials accepted. */
    Project accepted(String creditCode, String itemCode, Map<String, Object> terms) {
        Project p = coded(declare(creditCode, "STHJ"));
        accept(p, itemCode, terms);
        return p;
    }

    /** STHJ lists the item, the window hands in the materials, STHJ accepts them. */
    void accept(Project p, String itemCode, Map<String, Object> terms) {
        submitted(p, "STHJ", itemCode, terms);
        post("dept-STHJ", p.base() + "/material-reviews", Map.of("itemCode", itemCode, "decision", "ACCEPTED"))
                .statusCode(202);
    }

    ValidatableResponse commit(Project p, String itemCode) {
        return post("window", p.base() + "/items/" + itemCode + "/commitment",
                Map.of("documentRef", "oss://window/c/" + p.code(), "textVersion", "2026-1"));
    }

    /** The department approves once the credit system has answered the check before the commitment. */
    void approveOnCommitment(Project p, String itemCode) {
        Map<String, Object> body = Map.of("documentNumber", "尧环承〔2026〕1号", "documentDate", "2026-03-04");
        await().atMost(Duration.ofSeconds(30)).until(() -> post("dept-STHJ", p.base() + "/items/" + itemCode
                + "/commitment-approval", body).extract().statusCode() != 409);
        post("dept-STHJ", p.base() + "/items/" + itemCode + "/commitment-approval", body).statusCode(200);
    }

    ValidatableResponse check(Project p, String itemCode, Map<String, Object> body) {
        return post("dept-STHJ", p.base() + "/items/" + itemCode + "/commitment-check", body);
    }

    ValidatableResponse post(String user, String path, Object body) {
        return as(user).contentType(ContentType.JSON).body(body).post(path).then();
    }

    // ---- what is observed -------------------------------------------------------------------------------------------

    JsonPath project(String code) {
        return as("window").get("/api/v1/projects/" + code).then().statusCode(200).extract().jsonPath();
    }

    JsonPath commitment(Project p, String itemCode) {
        return project(p.code()).setRootPath("commitments.commitments.find { it.itemCode == '" + itemCode + "' }");
    }

    List<Map<String, Object>> shortfalls(Project p) {
        return project(p.code()).getList("commitments.shortfalls");
    }

    JsonPath item(Project p, String itemCode) {
        return project(p.code()).setRootPath("approval.items.find { it.itemCode == '" + itemCode + "' }");
    }

    JsonPath counts() {
        return as("supervisor").get("/api/v1/commitments/counts").then().statusCode(200).extract().jsonPath();
    }

    /** The published commitments of a project, as anyone reads them. */
    ValidatableResponse published(Project p) {
        return given().queryParam("projectCode", p.code()).get("/api/v1/commitments").then().statusCode(200);
    }

    JsonPath staging(String code) {
        return given().queryParam("xmdm", code).get("/sandbox/approval/staging").then().statusCode(200).extract()
                .jsonPath();
    }

    /** The results the sandbox investment platform received for the project. */
    List<Map<String, Object>> platformResults(Project p) {
        return given().queryParam("xmdm", p.code()).get("/sandbox/approval/investment-platform/results").then()
                .statusCode(200).extract().jsonPath().getList("$");
    }

    /** The reports the sandbox credit system received about a unit. */
    List<Map<String, Object>> creditReports(String creditCode) {
        return given().queryParam("creditCode", creditCode).get("/sandbox/credit/reports").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    int creditRequests(String creditCode) {
        return given().queryParam("creditCode", creditCode).get("/sandbox/credit/checks").then().statusCode(200)
                .extract().jsonPath().getList("$").size();
    }

    /** The SMS the sandbox gateway got for a number: each with its event and text. */
    List<Map<String, Object>> sms(String mobile) {
        return given().queryParam("mobile", mobile).get("/sandbox/sms").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    List<String> events(String mobile) {
        return sms(mobile).stream().map(m -> String.valueOf(m.get("event"))).toList();
    }

    /** Whether the number got an SMS of that event whose text holds every one of {@code texts}. */
    boolean got(String mobile, String event, String... texts) {
        return sms(mobile).stream().anyMatch(m -> event.equals(m.get("event"))
                && List.of(texts).stream().allMatch(t -> String.valueOf(m.get("text")).contains(t)));
    }

    /** The cases the sandbox 13710 supervision system received about a declaration. */
    List<Map<String, Object>> supervisionCases(Project p) {
        return given().queryParam("declarationId", p.declarationId()).get("/sandbox/supervision/cases").then()
                .statusCode(200).extract().jsonPath().getList("$");
    }

    JsonPath trail(Project p) {
        return as("operator").get(p.base() + "/trail").then().statusCode(200).extract().jsonPath();
    }

    List<String> trailKinds(Project p) {
        return trail(p).getList("entries.kind");
    }

    /** The payloads of the project's OVERDUE_ESCALATION trail entries. */
    List<String> escalations(Project p) {
        return trail(p).getList("entries.findAll { it.kind == 'OVERDUE_ESCALATION' }.payload");
    }
}
