package cn.approvalbridge.hub.commitment;

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
import cn.approvalbridge.hub.commitment.CommitmentSteps.Project;
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

    static final CommitmentSteps API = CommitmentSteps.inProcess();

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
        Project p = submitted(mobile);
        String base = p.base();
        API.post("dept-ZRZY", base + "/items/ZRZY-01/shortfall-acceptance", Map.of("missing", List.of("营业执照")))
                .statusCode(409).body("errors[0].code", equalTo("commitment_not_allowed"));
        API.post("dept-ZRZY", base + "/items/ZRZY-01/shortfall-acceptance", Map.of("missing", List.of("用地红线图", "土地出让合同")))
                .statusCode(202);
        API.post("dept-ZRZY", base + "/items/ZRZY-01/shortfall-acceptance", Map.of("missing", List.of("用地红线图", "土地出让合同")))
                .statusCode(200);
        // one SMS names both and their day
        await().atMost(Duration.ofSeconds(15)).until(() -> API.events(mobile).contains("MATERIALS_SHORTFALL"));
        List<String> texts = API.sms(mobile).stream().filter(m -> "MATERIALS_SHORTFALL".equals(m.get("event")))
                .map(m -> String.valueOf(m.get("text"))).toList();
        assertEquals(1, texts.size(), texts.toString());
        assertTrue(texts.get(0).contains("用地红线图（2026-03-11前）") && texts.get(0).contains("土地出让合同（2026-03-11前）"),
                texts.get(0));

        API.post("window", base + "/items/ZRZY-01/shortfall-materials", Map.of("materials", List.of("用地红线图"))).statusCode(202);
        API.post("window", base + "/items/ZRZY-01/shortfall-materials", Map.of("materials", List.of("营业执照"))).statusCode(409);
        API.post("window", base + "/items/ZRZY-01/shortfall-materials", Map.of("materials", List.of("土地出让合同"))).statusCode(202);
        clock.advance(Duration.ofDays(10));
        monitor.check();
        for (Map<String, Object> s : API.shortfalls(p)) {
            assertNotNull(s.get("suppliedAt"));
            assertNull(s.get("escalatedAt"), "supplied in time: nobody is chased");
        }
        assertTrue(API.trailKinds(p).contains("SHORTFALL_COMPLETED"));

        API.post("dept-ZRZY", base + "/approval-results", Map.of("itemCode", "ZRZY-01", "decision", "APPROVED",
                "documentNumber", "尧自然资〔2026〕9号", "documentDate", "2026-03-14")).statusCode(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath s = API.staging(p.code());
            assertEquals(List.of("1", "3", "12"), s.getList("SPGL_XMSPSXBLXXXXB.BLZT"));
        });
    }

    @Test
    void materialsNotSuppliedInTimeAreWarnedThenEscalated() {
        Project p = submitted(Fixtures.mobile());
        String base = p.base();
        API.post("dept-ZRZY", base + "/items/ZRZY-01/shortfall-acceptance", Map.of("missing", List.of("用地红线图")))
                .statusCode(202);
        assertEquals("2026-03-11", API.shortfalls(p).get(0).get("dueBy"));
        clock.advance(Duration.ofDays(6)); // Tuesday 03-10
        monitor.check();
        assertNotNull(API.shortfalls(p).get(0).get("warnedAt"));
        assertNull(API.shortfalls(p).get(0).get("escalatedAt"));
        clock.advance(Duration.ofDays(2)); // Thursday 03-12
        monitor.check();
        monitor.check();
        assertNotNull(API.shortfalls(p).get(0).get("escalatedAt"));
        List<String> escalations = API.escalations(p);
        // the approval's own limit (also due 03-11) is escalated beside it
        assertEquals(1, escalations.stream().filter(e -> e.contains("\"SHORTFALL\"")).count(), escalations.toString());
        await().atMost(Duration.ofSeconds(15)).until(() -> API.got(ZRZY_SUPERVISOR, "OVERDUE_ESCALATION",
                "容缺材料补交：用地红线图", p.code()));
    }

    /** A coded project of ZRZY with ZRZY-01 listed and its materials handed in. */
    static Project submitted(String mobile) {
        Project p = API.coded(API.declare(Fixtures.creditCode(), "ZRZY", mobile));
        API.submitted(p, "ZRZY", "ZRZY-01", Map.of("timeLimitDays", 5));
        return p;
    }
}
