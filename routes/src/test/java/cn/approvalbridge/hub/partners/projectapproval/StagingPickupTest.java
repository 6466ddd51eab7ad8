package cn.approvalbridge.hub.partners.projectapproval;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.sandbox.department.SandboxApproval;
import cn.approvalbridge.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The pickup of the project approval system's decisions reads past its watermark, kept in the hub's store, not the
 * whole detail table at every tick: a decision row far below the watermark (as if written long before) is not read,
 * one the hub could not take yet (materials not accepted) waits in the store and is taken once it can be, even after
 * the watermark has moved far past it.
 */
@QuarkusTest
class StagingPickupTest {

    @Inject
    StagingDb staging;
    @Inject
    Db store;
    @Inject
    StagingConfig config;
    @Inject
    SandboxApproval sandbox;

    @BeforeEach
    @AfterEach
    void reset() {
        sandbox.setWalk(false);
    }

    static int post(String user, String path, Object body) {
        return given().auth().preemptive().basic(user, "sandbox").contentType(ContentType.JSON).body(body).post(path)
                .then().extract().statusCode();
    }

    static JsonPath item(String code, String itemCode) {
        JsonPath p = given().auth().preemptive().basic("window", "sandbox").get("/api/v1/projects/" + code).then()
                .statusCode(200).extract().jsonPath();
        return new JsonPath(p.prettify()).setRootPath("approval.items.find { it.itemCode == '" + itemCode + "' }");
    }

    private long watermark() {
        return store.read(c -> Db.one(c, "SELECT last_lsh FROM hub_staging_watermark WHERE consumer = ?",
                rs -> rs.getLong(1), StagingPickup.CONSUMER)).orElse(0L);
    }

    private List<Long> waiting() {
        return store.read(c -> Db.list(c, "SELECT lsh FROM hub_staging_waiting WHERE consumer = ?", rs -> rs.getLong(1),
                StagingPickup.CONSUMER));
    }

    /** The province's decision (BLZT 11 and its document) under its own keys; {@code lsh} null: the database's serial. */
    private long decide(String gcdm, String spsxslbm, Long lsh, String number) {
        LocalDateTime now = LocalDateTime.now().withNano(0);
        return staging.inTransaction(c -> {
            Db.update(c, "INSERT INTO SPGL_XMSPSXBLXXXXB (" + (lsh == null ? "" : "LSH, ") + "DFSJZJ, XZQHDM, GCDM, "
                    + "SPSXSLBM, BLCS, BLR, BLZT, BLYJ, BLSJ, SJYXBS, SJSCZT, CJSJ, GXSJ) VALUES ("
                    + (lsh == null ? "" : lsh + ", ") + "?, '141000', ?, ?, '工改系统', '审批员', 11, '同意', ?, 1, 1, ?, ?)",
                    "PROV-ZT-" + spsxslbm, gcdm, spsxslbm, now, now, now);
            Db.update(c, "INSERT INTO SPGL_XMSPSXPFWJXXB (DFSJZJ, XZQHDM, GCDM, SPSXSLBM, PFRQ, PFWH, PFWJBT, PFWJYXQX, "
                    + "SJYXBS, SJSCZT, CJSJ, GXSJ) VALUES (?, '141000', ?, ?, ?, ?, '批复', ?, 1, 1, ?, ?)",
                    "PROV-WJ-" + spsxslbm, gcdm, spsxslbm, now.toLocalDate(), number, LocalDate.of(9999, 1, 1), now, now);
            return Db.value(c, "SELECT LSH FROM SPGL_XMSPSXBLXXXXB WHERE DFSJZJ = ?", rs -> rs.getLong(1),
                    "PROV-ZT-" + spsxslbm);
        });
    }

    @Test
    void thePickupReadsPastItsWatermarkAndTakesAWaitingDecisionWhenItCan() throws Exception {
        String id = Fixtures.uniqueId("PW");
        given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                .body(Fixtures.declaration(id, Fixtures.mobile(), List.of("ZRZY", "FGW"))).post("/api/v1/declarations")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().preemptive().basic("window", "sandbox")
                .get("/api/v1/declarations/" + id).then().extract().path("projectCode") != null);
        String code = given().auth().preemptive().basic("window", "sandbox").get("/api/v1/declarations/" + id).then()
                .extract().path("projectCode");
        String base = "/api/v1/projects/" + code;
        await().atMost(Duration.ofSeconds(20)).until(() -> post("dept-ZRZY", base + "/item-lists", Map.of("items",
                List.of(Map.of("itemCode", "ZRZY-01", "itemName", "建设用地规划许可证核发", "timeLimitDays", 5, "stage",
                        "立项用地规划许可", "prerequisites", List.of())))) == 202);
        assertEquals(202, post("dept-FGW", base + "/item-lists", Map.of("items", List.of(Map.of("itemCode", "FGW-01",
                "itemName", "企业投资项目备案", "timeLimitDays", 5, "stage", "立项用地规划许可", "prerequisites", List.of())))));
        assertEquals(202, post("window", base + "/materials", Map.of("submissionId", "S-" + id)));
        String gcdm = code + "-001";
        await().atMost(Duration.ofSeconds(15)).until(() -> staging.read(c -> Db.value(c,
                "SELECT COUNT(*) FROM SPGL_XMSPSXBLXXB WHERE GCDM = ?", rs -> rs.getInt(1), gcdm)) == 2);

        // the province decides ZRZY-01 before the department accepted its materials: the hub cannot take it yet
        long early = decide(gcdm, gcdm + "-ZRZY-01", null, "临工改〔2026〕1号");
        await().atMost(Duration.ofSeconds(15)).until(() -> waiting().contains(early) && watermark() >= early);
        assertNull(item(code, "ZRZY-01").getString("decision"));

        // a decision row far below the watermark (serial drawn long ago) is never read: no rescan of the table
        long old = -ThreadLocalRandom.current().nextLong(1_000_000, 2_000_000);
        assertEquals(old, decide(gcdm, gcdm + "-FGW-01", old, "临工改〔2026〕2号"));
        assertEquals(202, post("dept-FGW", base + "/material-reviews", Map.of("itemCode", "FGW-01", "decision", "ACCEPTED")));

        // the watermark moves far past the waiting row (as after many more decisions); once the materials are accepted
        // the waiting row is taken all the same, from the store's list
        long saved = watermark();
        store.inTransaction(c -> Db.update(c, "UPDATE hub_staging_watermark SET last_lsh = ? WHERE consumer = ?",
                saved + config.pickupLookback() + 10, StagingPickup.CONSUMER));
        try {
            // (the staging table must hold a serial at least that high, or the pickup takes it for a recreated table)
            decide(gcdm, gcdm + "-PAD", saved + config.pickupLookback() + 20, "-");
            assertEquals(202, post("dept-ZRZY", base + "/material-reviews", Map.of("itemCode", "ZRZY-01", "decision",
                    "ACCEPTED")));
            await().atMost(Duration.ofSeconds(20)).until(() -> "APPROVED".equals(item(code, "ZRZY-01").getString("decision")));
            JsonPath zrzy = item(code, "ZRZY-01");
            assertEquals("临工改〔2026〕1号", zrzy.getString("documentNumber"));
            assertEquals("project-approval-system", zrzy.getString("decidedBy"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !waiting().contains(early));
            // six ticks later, the old row has still not been read
            Thread.sleep(3000);
            assertNull(item(code, "FGW-01").getString("decision"));
            assertTrue(watermark() >= saved + config.pickupLookback() + 10);
        } finally {
            store.inTransaction(c -> Db.update(c, "UPDATE hub_staging_watermark SET last_lsh = ? WHERE consumer = ?",
                    saved, StagingPickup.CONSUMER));
            staging.inTransaction(c -> Db.update(c, "DELETE FROM SPGL_XMSPSXBLXXXXB WHERE LSH = ? OR DFSJZJ = ?", old,
                    "PROV-ZT-" + gcdm + "-PAD"));
        }
    }
}
