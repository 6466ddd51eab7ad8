package cn.approvalbridge.hub.partners.projectapproval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.approval.ApprovalRecords.ItemAccepted;
import cn.approvalbridge.support.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A province's MySQL / MariaDB staging database that already has the standard's tables and rows, and no Flyway
 * history: the hub baselines it at the version that made those tables, keeps the province's rows, and writes its own
 * beside them. Runs with the staging database on MariaDB ({@code -Pstaging-mariadb}, as .ci/run does).
 */
@QuarkusTest
@TestProfile(ExistingMysqlStaging.class)
@QuarkusTestResource(value = ExistingMysqlStaging.class, restrictToAnnotatedClass = true)
@EnabledIfSystemProperty(named = "hub.staging.db-kind", matches = "mysql")
class StagingBaselineTest {

    @Inject
    StagingDb staging;
    @Inject
    StagingRows rows;
    @Inject
    StagingWriter writer;
    @Inject
    ObjectMapper json;

    @Test
    void anExistingDatabaseIsBaselinedAndKeepsTheProvincesRows() throws Exception {
        List<String> history = staging.read(c -> Db.list(c,
                "SELECT version, type, success FROM flyway_schema_history ORDER BY installed_rank",
                rs -> rs.getString("version") + " " + rs.getString("type") + " " + rs.getBoolean("success")));
        assertEquals(List.of("4.002 BASELINE true"), history,
                "one baseline at the version that made the province's tables, no migration run over them");

        assertEquals(1, writer.all("SPGL_DFXMSPLCXXB", "DFSJZJ = ?", ExistingMysqlStaging.PROVINCE_ROW).size(),
                "the province's own process row is kept");

        String project = "TB-" + UUID.randomUUID().toString().substring(0, 8);
        String body = json.writeValueAsString(new ItemAccepted(project, "141002", "ZRZY-01", "建设用地规划许可证核发",
                "立项用地规划许可", "ZRZY", 5, OffsetDateTime.of(2026, 3, 2, 10, 0, 0, 0, ZoneOffset.ofHours(8))))
                .replaceFirst("\\{", "{\"record\":\"ItemAccepted\",");
        for (String row : rows.rows(body)) {
            writer.write(row);
        }
        assertFalse(writer.all("SPGL_XMSPSXBLXXB", "GCDM = ?", project + "-001").isEmpty(),
                "the hub's item row lands in the adopted tables");
    }
}
