package cn.approvalbridge.hub.commitment;

import static cn.approvalbridge.hub.commitment.CommitmentTest.coded;
import static cn.approvalbridge.hub.commitment.CommitmentTest.events;
import static cn.approvalbridge.hub.commitment.CommitmentTest.post;
import static cn.approvalbridge.hub.commitment.CommitmentTest.project;
import static cn.approvalbridge.hub.commitment.CommitmentTest.staging;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.TestClock;
import cn.approvalbridge.hub.platform.deadline.DeadlineMonitor;
import cn.approvalbridge.hub.sandbox.department.SandboxApproval;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * 容缺受理: ZRZY-01 lets 土地出让合同 and 用地红线图 come within 5 working days of acceptance (the catalogue). The clock
 * starts on Wednesday 2026-03-04: owed by Wednesday 03-11, warned from Monday 03-09, escalated Thursday 03-12.
 */
@QuarkusTest
class ShortfallTest {

    static final String ZRZY_SUPERVISOR = "13700000012";

    @Inject
    TestClock clock;
    @Inject
    DeadlineMonitor monitor;
    @Inject
    SandboxApproval sandbox;

    @BeforeEach
    @AfterEach
    void reset() {
        clock.reset();
        sandbox.setWalk(false);
    }

    @Test
    void acceptedWithMaterialsMissingThenCompletedAndApprovedAs容缺通过() {
        String mobile = Fixtures.mobile();
        String base = submitted(mobile);
        post("dept-ZRZY", base + "/items/ZRZY-01/shortfall-acceptance", Map.of("missing", List.of("营业执照")))
                .statusCode(409).body("errors[0].code", equalTo("commitment_not_allowed"));
        post("dept-ZRZY", base + "/items/ZRZY-01/shortfall-acceptance", Map.of("missing", List.of("用地红线图", "土地出让合同")))
                .statusCode(202);
        post("dept-ZRZY", base + "/items/ZRZY-01/shortfall-acceptance", Map.of("missing", List.of("用地红线图", "土地出让合同")))
                .statusCode(200);
        // one SMS names both and their day
        await().atMost(Duration.ofSeconds(15)).until(() -> events(mobile).contains("MATERIALS_SHORTFALL"));
        List<String> texts = given().queryParam("mobile", mobile).get("/sandbox/sms").then().extract().jsonPath()
                .getList("findAll { it.event == 'MATERIALS_SHORTFALL' }.text");
        assertEquals(1, texts.size(), texts.toString());
        assertTrue(texts.get(0).contains("用地红线图（2026-03-11前）") && texts.get(0).contains("土地出让合同（2026-03-11前）"),
                texts.get(0));

        post("window", base + "/items/ZRZY-01/shortfall-materials", Map.of("materials", List.of("用地红线图"))).statusCode(202);
        post("window", base + "/items/ZRZY-01/shortfall-materials", Map.of("materials", List.of("营业执照"))).statusCode(409);
        post("window", base + "/items/ZRZY-01/shortfall-materials", Map.of("materials", List.of("土地出让合同"))).statusCode(202);
        clock.advance(Duration.ofDays(10));
        monitor.check();
        for (Map<String, Object> s : shortfalls(base)) {
            assertNotNull(s.get("suppliedAt"));
            assertNull(s.get("escalatedAt"), "supplied in time: nobody is chased");
        }
        assertTrue(kinds(base).contains("SHORTFALL_COMPLETED"));

        post("dept-ZRZY", base + "/approval-results", Map.of("itemCode", "ZRZY-01", "decision", "APPROVED",
                "documentNumber", "尧自然资〔2026〕9号", "documentDate", "2026-03-14")).statusCode(202);
        String code = base.substring(base.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath s = staging(code);
            assertEquals(List.of("1", "3", "12"), s.getList("SPGL_XMSPSXBLXXXXB.BLZT"));
        });
    }

    @Test
    void materialsNotSuppliedInTimeAreWarnedThenEscalated() {
        String base = submitted(Fixtures.mobile());
        post("dept-ZRZY", base + "/items/ZRZY-01/shortfall-acceptance", Map.of("missing", List.of("用地红线图")))
                .statusCode(202);
        assertEquals("2026-03-11", shortfalls(base).get(0).get("dueBy"));
        clock.advance(Duration.ofDays(6)); // Tuesday 03-10
        monitor.check();
        assertNotNull(shortfalls(base).get(0).get("warnedAt"));
        assertNull(shortfalls(base).get(0).get("escalatedAt"));
        clock.advance(Duration.ofDays(2)); // Thursday 03-12
        monitor.check();
        monitor.check();
        assertNotNull(shortfalls(base).get(0).get("escalatedAt"));
        List<String> escalations = given().auth().preemptive().basic("window", "sandbox").get(base + "/trail").then()
                .extract().jsonPath().getList("entries.findAll { it.kind == 'OVERDUE_ESCALATION' }.payload");
        // the approval's own limit (also due 03-11) is escalated beside it
        assertEquals(1, escalations.stream().filter(e -> e.contains("\"SHORTFALL\"")).count(), escalations.toString());
        await().atMost(Duration.ofSeconds(15)).until(() -> given().queryParam("mobile", ZRZY_SUPERVISOR).get("/sandbox/sms")
                .then().extract().jsonPath().getList("text", String.class).stream()
                .anyMatch(t -> t.contains("容缺材料补交：用地红线图") && t.contains(base.substring(base.lastIndexOf('/') + 1))));
    }

    /** A coded project of ZRZY with ZRZY-01 listed and its materials handed in; returns its API base path. */
    private static String submitted(String mobile) {
        String id = Fixtures.uniqueId("SF");
        String code = coded(id, Fixtures.declaration(id, mobile, List.of("ZRZY")));
        String base = "/api/v1/projects/" + code;
        post("dept-ZRZY", base + "/item-lists", Map.of("items", List.of(Map.of("itemCode", "ZRZY-01", "itemName",
                "建设用地规划许可证核发", "timeLimitDays", 5, "stage", "立项用地规划许可", "prerequisites", List.of()))))
                .statusCode(202);
        post("window", base + "/materials", Map.of("submissionId", "S-" + id)).statusCode(202);
        return base;
    }

    private static List<Map<String, Object>> shortfalls(String base) {
        return project(base.substring(base.lastIndexOf('/') + 1)).getList("commitments.shortfalls");
    }

    private static List<String> kinds(String base) {
        return given().auth().preemptive().basic("operator", "sandbox").get(base + "/trail").then().statusCode(200)
                .extract().jsonPath().getList("entries.kind");
    }
}
