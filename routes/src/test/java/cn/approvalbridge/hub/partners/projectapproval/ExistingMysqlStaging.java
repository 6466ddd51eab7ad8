package cn.approvalbridge.hub.partners.projectapproval;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A province's staging database on MySQL / MariaDB as the hub first meets it: the standard's tables made by the
 * province (no Flyway history), holding the province's own rows. The hub must adopt it (baseline), not recreate it.
 */
public class ExistingMysqlStaging implements QuarkusTestProfile, QuarkusTestResourceLifecycleManager {

    static final String URL = "jdbc:mysql://127.0.0.1:3306/test";
    static final String PROVINCE_ROW = "PROVINCE-OWN-ROW-1";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("hub.staging.mysql-recreate", "false");
    }

    @Override
    public Map<String, String> start() {
        try (Connection c = DriverManager.getConnection(URL, "root", ""); Statement st = c.createStatement()) {
            for (String t : StagingRows.TABLES) {
                st.execute("DROP TABLE IF EXISTS " + t);
            }
            st.execute("DROP TABLE IF EXISTS flyway_schema_history");
            String ddl;
            try (InputStream in = getClass().getClassLoader()
                    .getResourceAsStream("db/migration/staging-mysql/V4_002__spgl_standard_tables.sql")) {
                ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (String sql : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
            st.execute("INSERT INTO SPGL_DFXMSPLCXXB (DFSJZJ, XZQHDM, SPLCBM, SPLCBBH, SPLCMC, SPLCLX, SPLCSXSJ, SJYXBS, "
                    + "SJSCZT, CJSJ, GXSJ) VALUES ('" + PROVINCE_ROW + "', '141000', 'PROVINCE-LC', 1.0, '省里已有的流程', 1, "
                    + "NOW(), 1, 1, NOW(), NOW())");
        } catch (Exception e) {
            throw new IllegalStateException("could not prepare the existing staging database on " + URL, e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
