package cn.approvalbridge.hub.partners.projectapproval;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.approval.ApprovalRecords.ItemAccepted;
import cn.approvalbridge.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 13: rows the province's collector marks failed (SJSCZT 2 or -1 with SBYY) are an operator alert — listed, counted
 * in the metrics — and are offered again under the same DFSJZJ, by the operator once fixed or by the hub writing the row
 * again; SJSCZT 3 counts as taken.
 */
@QuarkusTest
class StagingUploadsTest {

    @Inject
    StagingRows rows;
    @Inject
    StagingWriter writer;
    @Inject
    StagingDb staging;
    @Inject
    ObjectMapper json;

    private String accepted(String project, String item, int limit) throws Exception {
        String body = json.writeValueAsString(new ItemAccepted(project, "141002", item, "建设用地规划许可证核发", "立项用地规划许可",
                "ZRZY", limit, OffsetDateTime.of(2026, 3, 2, 10, 0, 0, 0, ZoneOffset.ofHours(8))));
        return body.replaceFirst("\\{", "{\"record\":\"ItemAccepted\",");
    }

    private void province(String sql, Object... args) {
        staging.inTransaction(c -> Db.update(c, sql, args));
    }

    @Test
    void aRefusedRowIsAnAlertUntilItIsOfferedAgainUnderTheSameKey() throws Exception {
        String project = "T13-" + UUID.randomUUID().toString().substring(0, 8);
        for (String row : rows.rows(accepted(project, "ZRZY-09", 5))) {
            writer.write(row);
        }
        String sl = project + "-001-ZRZY-09";
        String key = "AB-SL-" + sl;
        province("UPDATE SPGL_XMSPSXBLXXB SET SJSCZT = 2, SBYY = '审批事项版本不存在' WHERE DFSJZJ = ?", key);
        province("UPDATE SPGL_XMSPSXBLXXXXB SET SJSCZT = 3 WHERE SPSXSLBM = ?", sl);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().preemptive().basic("operator", "sandbox")
                .get("/api/v1/staging/upload-failures").then().statusCode(200)
                .body("findAll { it.dfsjzj == '" + key + "' }.sbyy", equalTo(List.of("审批事项版本不存在")))
                // SJSCZT 3 is taken, not failed
                .body("findAll { it.dfsjzj.contains('" + sl + "') }.size()", equalTo(1)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("hub_staging_upload_failed{table=\"SPGL_XMSPSXBLXXB\"}"))
                .body(containsString("hub_staging_upload_failures_total{table=\"SPGL_XMSPSXBLXXB\"}")));
        given().auth().preemptive().basic("window", "sandbox").post("/api/v1/staging/upload-failures/SPGL_XMSPSXBLXXB/"
                + key + "/rewrite").then().statusCode(403);

        // the operator offers it again once fixed: same row, same key, state 0, reason cleared
        given().auth().preemptive().basic("operator", "sandbox").post("/api/v1/staging/upload-failures/SPGL_XMSPSXBLXXB/"
                + key + "/rewrite").then().statusCode(200).body("sjsczt", equalTo(0));
        List<Map<String, Object>> item = writer.all("SPGL_XMSPSXBLXXB", "GCDM = ?", project + "-001");
        assertEquals(1, item.size());
        assertEquals("0", item.get(0).get("SJSCZT"));
        assertNull(item.get(0).get("SBYY"));
        given().auth().preemptive().basic("operator", "sandbox").post("/api/v1/staging/upload-failures/SPGL_XMSPSXBLXXB/"
                + key + "/rewrite").then().statusCode(404);

        // refused again (-1), then the hub writes the row again with a corrected time limit: it replaces the refused one
        province("UPDATE SPGL_XMSPSXBLXXB SET SJSCZT = -1, SBYY = '办理时限不符' WHERE DFSJZJ = ?", key);
        for (String row : rows.rows(accepted(project, "ZRZY-09", 7))) {
            writer.write(row);
        }
        item = writer.all("SPGL_XMSPSXBLXXB", "GCDM = ?", project + "-001");
        assertEquals(1, item.size());
        assertEquals(List.of("0", "7", key), List.of(item.get(0).get("SJSCZT"), item.get(0).get("SXBLSX"),
                item.get(0).get("DFSJZJ")));
        // a row that was taken is not written again
        province("UPDATE SPGL_XMSPSXBLXXB SET SJSCZT = 1 WHERE DFSJZJ = ?", key);
        for (String row : rows.rows(accepted(project, "ZRZY-09", 9))) {
            writer.write(row);
        }
        assertEquals("7", writer.all("SPGL_XMSPSXBLXXB", "GCDM = ?", project + "-001").get(0).get("SXBLSX"));
    }
}
