package cn.approvalbridge.hub.approval;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.sandbox.department.SandboxApproval;
import cn.approvalbridge.hub.partners.projectapproval.SpglConformance;
import cn.approvalbridge.hub.partners.projectapproval.StagingDb;
import cn.approvalbridge.hub.partners.projectapproval.StagingWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A project travels all seven steps in the sandbox, with rows in every staging table and a 工改 decision. */
@QuarkusTest
class ApprovalJourneyTest {

    @jakarta.inject.Inject
    StagingDb stagingDb;
    @jakarta.inject.Inject
    StagingWriter stagingWriter;
    @jakarta.inject.Inject
    java.time.Clock clock;

    @Inject
    SandboxApproval sandbox;

    @AfterEach
    void stopWalking() {
        sandbox.setWalk(false);
    }

    static JsonPath project(String code) {
        return given().auth().preemptive().basic("window", "sandbox").get("/api/v1/projects/" + code).then()
                .statusCode(200).extract().jsonPath();
    }

    static List<String> events(String mobile) {
        return given().queryParam("mobile", mobile).get("/sandbox/sms").then().statusCode(200).extract().jsonPath()
                .getList("event");
    }

    @Test
    void sevenStepsInTheSandboxWithStagingRowsAndADecisionTakenFromTheProjectApprovalSystem() throws Exception {
        sandbox.setWalk(true);
        String mobile = Fixtures.mobile();
        String id = Fixtures.uniqueId("AJ");
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                .body(Fixtures.declaration(id, mobile, List.of("FGW", "ZRZY", "ZJ"))).post("/api/v1/declarations").then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> events(mobile).contains("ITEM_LIST_READY"));
        String code = given().auth().preemptive().basic("window", "sandbox").get("/api/v1/declarations/" + id).then()
                .extract().path("projectCode");
        JsonPath p = project(code);
        assertEquals(List.of("FGW-01", "ZJ-01", "ZRZY-01"), p.getList("approval.items.itemCode"));
        assertEquals("立项用地规划许可", p.getString("approval.stage"));

        // 401 / 403 / 400 on the new endpoints
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/projects/" + code + "/materials").then().statusCode(401);
        given().auth().preemptive().basic("dept-FGW", "sandbox").contentType(ContentType.JSON).body("{}")
                .post("/api/v1/projects/" + code + "/materials").then().statusCode(403);
        given().auth().preemptive().basic("dept-FGW", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("itemCode", "a b", "timeLimitDays", 0, "stage", "x"))))
                .post("/api/v1/projects/" + code + "/item-lists").then().statusCode(400)
                .body("errors.field", hasItems("items[0].itemCode", "items[0].itemName", "items[0].timeLimitDays",
                        "items[0].stage"));
        given().auth().preemptive().basic("dept-ZJ", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("itemCode", "FGW-01", "decision", "ACCEPTED"))
                .post("/api/v1/projects/" + code + "/material-reviews").then().statusCode(403)
                .body("errors[0].code", equalTo("not_your_department"));

        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("submissionId", "S-" + id)).post("/api/v1/projects/" + code + "/materials").then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(40)).until(() -> events(mobile).contains("RESULTS_READY"));
        p = project(code);
        assertEquals("COMPLETED", p.getString("approval.step"));
        assertEquals("竣工验收", p.getString("approval.stage"));
        assertEquals(List.of("APPROVED", "APPROVED", "APPROVED"), p.getList("approval.items.decision"));
        assertEquals("project-approval-system", p.getString("approval.items.find { it.itemCode == 'ZJ-01' }.decidedBy"));
        List<String> ev = events(mobile);
        assertEquals(1, ev.stream().filter("RESULTS_READY"::equals).count());
        // three acceptances for one project to one number: the notification core spaces the same event (a short
        // interval in tests), so the later ones reach the gateway through the deferred flush; wait for them, then exactly 3
        await().atMost(Duration.ofSeconds(20))
                .until(() -> events(mobile).stream().filter("MATERIALS_ACCEPTED"::equals).count() >= 3);
        assertEquals(3, events(mobile).stream().filter("MATERIALS_ACCEPTED"::equals).count());

        // issue 13: the rows as the exchange standard has them; ZJ-01 was decided in the project approval system,
        // which wrote its 办结 (BLZT 11) row and its document under its own keys: the hub wrote neither again
        String zj = code + "-001-ZJ-01";
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonPath s = given().queryParam("xmdm", code).get("/sandbox/approval/staging").then().statusCode(200).extract()
                    .jsonPath();
            assertEquals(1, s.getList("SPGL_XMJBXXB").size());
            assertEquals(1, s.getList("SPGL_XMDWXXB").size());
            assertEquals(List.of("FGW-01", "ZRZY-01", "ZJ-01"), s.getList("SPGL_XMSPSXBLXXB.SPSXBM").stream().sorted(
                    java.util.Comparator.comparing(List.of("FGW-01", "ZRZY-01", "ZJ-01")::indexOf)).toList());
            assertEquals(3, s.getList("SPGL_XMSPSXPFWJXXB").size());
            // per item: 接件 (1), 受理 (3), 办结 通过 (11)
            for (String item : List.of("FGW-01", "ZRZY-01", "ZJ-01")) {
                assertEquals(List.of("1", "3", "11"), s.getList("SPGL_XMSPSXBLXXXXB.findAll { it.SPSXSLBM == '" + code
                        + "-001-" + item + "' }.BLZT"), item);
            }
            assertEquals(List.of("GGXT-ZT-" + zj), s.getList("SPGL_XMSPSXBLXXXXB.findAll { it.BLZT == '11' && "
                    + "it.SPSXSLBM == '" + zj + "' }.DFSJZJ"));
            assertEquals("GGXT-WJ-" + zj, s.getString("SPGL_XMSPSXPFWJXXB.find { it.SPSXSLBM == '" + zj + "' }.DFSJZJ"));
            assertEquals(List.of("1"), s.getList("SPGL_XMJBXXB.SJSCZT"));
            assertEquals(List.of("1", "1", "1"), s.getList("SPGL_XMSPSXBLXXB.SJSCZT"));
            assertEquals("141000", s.getString("SPGL_XMJBXXB[0].XZQHDM"));
            assertEquals("141002", s.getString("SPGL_XMJBXXB[0].JSDDXZQH"));
            assertEquals("3", s.getString("SPGL_XMJBXXB[0].LXLX"));
            assertEquals("2026-06-01", s.getString("SPGL_XMJBXXB[0].NKGSJ"));
            assertEquals("2027-12-31", s.getString("SPGL_XMJBXXB[0].NJCSJ"));
        });
        // the staging rows' times are Beijing local time, whichever database
        JsonPath s = given().queryParam("xmdm", code).get("/sandbox/approval/staging").then().statusCode(200).extract()
                .jsonPath();
        for (String time : List.of("SPGL_XMJBXXB[0].CJSJ", "SPGL_XMSPSXBLXXXXB[0].BLSJ")) {
            LocalDateTime t = LocalDateTime.parse(s.getString(time));
            assertTrue(Math.abs(Duration.between(t, LocalDateTime.now(clock.withZone(ZoneOffset.ofHours(8))))
                    .toMinutes()) < 10, time + " " + t);
        }
        assertEquals("9999-01-01", s.getString("SPGL_XMSPSXPFWJXXB.find { it.SPSXSLBM == '" + zj + "' }.PFWJYXQX"));
        LocalDate.parse(s.getString("SPGL_XMSPSXPFWJXXB.find { it.SPSXSLBM == '" + zj + "' }.PFRQ"));
        // issue 13: the live schema and every row this journey wrote (with the process definitions) as the standard has them
        try (var c = stagingDb.get().getConnection()) {
            SpglConformance.checkSchema(c);
        }
        var written = stagingWriter.rows(code);
        written.forEach(SpglConformance::checkRows);
        for (String t : List.of("SPGL_DFXMSPLCXXB", "SPGL_DFXMSPLCJDXXB", "SPGL_DFXMSPLCJDSXXXB")) {
            var defs = stagingWriter.all(t, "SPLCBM = ?", "141000-SPLC-01");
            assertTrue(!defs.isEmpty(), t);
            SpglConformance.checkRows(t, defs);
        }
        assertEquals(3, stagingWriter.all("SPGL_DFXMSPLCJDSXXXB", "SPSXBM IN ('FGW-01', 'ZRZY-01', 'ZJ-01')").size());
        JsonPath platform = given().queryParam("xmdm", code).get("/sandbox/approval/investment-platform/results").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(1, 1, 1), platform.getList("timesReceived"));

        // 全程留痕: the trail holds, once each, every message a partner took on steps 4-7 — each department's item-list
        // request and materials, each result shared with the platform, and each row the hub wrote into the staging tables
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonPath t = given().auth().preemptive().basic("window", "sandbox").queryParam("verify", true)
                    .get("/api/v1/projects/" + code + "/trail").then().statusCode(200).extract().jsonPath();
            assertTrue(t.getBoolean("valid"));
            List<Map<String, Object>> out = t.getList("entries.findAll { it.direction == 'OUT' }");
            for (String dept : List.of("FGW", "ZRZY", "ZJ")) {
                for (String kind : List.of("ITEM_LIST_REQUEST", "MATERIALS")) {
                    assertEquals(1, out.stream().filter(e -> ("dept-" + dept).equals(e.get("partner"))
                            && kind.equals(e.get("kind"))).count(), kind + " to " + dept);
                }
            }
            assertEquals(3, out.stream().filter(e -> "APPROVAL_RESULT_SHARED".equals(e.get("kind"))).count());
            JsonPath staging = given().queryParam("xmdm", code).get("/sandbox/approval/staging").then().extract()
                    .jsonPath();
            int hubRows = 0;
            for (String table : List.of("SPGL_XMJBXXB", "SPGL_XMDWXXB", "SPGL_XMSPSXBLXXB", "SPGL_XMSPSXBLXXXXB",
                    "SPGL_XMSPSXPFWJXXB")) {
                int rows = staging.getList(table + ".findAll { it.DFSJZJ.startsWith('AB-') }").size();
                hubRows += rows;
                assertEquals(rows, out.stream().filter(e -> ("STAGING_" + table).equals(e.get("kind"))).count(), table);
            }
            assertTrue(hubRows >= 10, "rows the hub wrote: " + hubRows);
        });
    }
}
