package cn.approvalbridge.hub.partners.projectapproval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import cn.approvalbridge.support.ActiveDataSource;
import cn.approvalbridge.support.Db;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.flyway.FlywayDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * The project approval system's staging database (前置库), a second datasource beside the store. Quarkus fixes a
 * datasource's kind at build time, so there is one per kind — {@code staging} (H2), {@code staging-postgresql},
 * {@code staging-mysql} (MySQL 5.7+/8 and MariaDB) — and {@code hub.staging.db-kind} (STAGING_DB_KIND) activates one.
 * The hub's transactions here are separate from the store's: every write is keyed by the row's DFSJZJ (unique), so a
 * write repeated after a crash or a replay adds nothing.
 */
@ApplicationScoped
public class StagingDb {

    public static final String H2 = "staging";
    public static final String POSTGRESQL = "staging-postgresql";
    public static final String MYSQL = "staging-mysql";
    private static final Logger LOG = Logger.getLogger(StagingDb.class);
    private static final String MYSQL_TABLES = "db/migration/staging-mysql/V4_002__spgl_standard_tables.sql";

    @Inject
    StagingConfig config;

    @Inject
    @Any
    InjectableInstance<AgroalDataSource> dataSources;

    @Inject
    @Any
    InjectableInstance<Flyway> flyways;

    private final ActiveDataSource active = new ActiveDataSource("staging",
            "set hub.staging.db-kind (STAGING_DB_KIND) to h2, postgresql or mysql",
            ActiveDataSource.named(H2), ActiveDataSource.named(POSTGRESQL), ActiveDataSource.named(MYSQL));

    public AgroalDataSource get() {
        return active.among(dataSources);
    }

    public <T> T inTransaction(Db.Work<T> work) {
        return Db.inTransaction(get(), work);
    }

    public <T> T read(Db.Work<T> work) {
        return Db.read(get(), work);
    }

    /** A unique-key violation, as PostgreSQL and H2 (SQLState 23505) or MySQL / MariaDB (error 1062) report it. */
    public static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (Db.isDuplicateKey(sql) || sql.getErrorCode() == 1062)) {
                return true;
            }
        }
        return false;
    }

    /**
     * On MySQL and MariaDB the hub runs Flyway itself (db/migration/staging-mysql): Quarkus cannot for a datasource of
     * kind other. A database that has the tables already (made by the province, or by a hub that created them before
     * Flyway's MySQL support was at hand) and no history is baselined at the version that made them; one with other
     * tables only gets them. Flyway Community refuses MySQL before 8.0: there the tables are created when missing.
     */
    void migrateMysql(@Observes StartupEvent start) throws SQLException, IOException {
        if (!ActiveDataSource.isActive(dataSources, ActiveDataSource.named(MYSQL))) {
            return;
        }
        boolean tables;
        boolean flywaySupported;
        try (Connection c = get().getConnection()) {
            if (config.mysqlRecreate()) {
                try (Statement st = c.createStatement()) {
                    for (String t : StagingRows.TABLES) {
                        st.execute("DROP TABLE IF EXISTS " + t);
                    }
                    st.execute("DROP TABLE IF EXISTS flyway_schema_history");
                }
            }
            tables = exists(c, "SPGL_XMJBXXB");
            var md = c.getMetaData();
            flywaySupported = md.getDatabaseProductVersion().toLowerCase().contains("mariadb")
                    || md.getDatabaseMajorVersion() >= 8;
            if (!flywaySupported) {
                createMysqlTables(c, tables);
                return;
            }
        }
        Flyway flyway = flyways.select(FlywayDataSource.FlywayDataSourceLiteral.of(MYSQL)).get();
        var result = Flyway.configure(flyway.getConfiguration().getClassLoader()).configuration(flyway.getConfiguration())
                .baselineOnMigrate(true).baselineVersion(tables ? "4.002" : "4.001").load().migrate();
        LOG.infof("Staging tables on MySQL/MariaDB: %d migration(s) applied, now at %s", result.migrationsExecuted,
                result.targetSchemaVersion);
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, table, null)) {
            return rs.next();
        }
    }

    private void createMysqlTables(Connection c, boolean tables) throws SQLException, IOException {
        if (tables) {
            return;
        }
        String ddl;
        try (InputStream in = StagingDb.class.getClassLoader().getResourceAsStream(MYSQL_TABLES)) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Statement st = c.createStatement()) {
            for (String sql : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
        }
        LOG.infof("Created the staging tables on MySQL before 8.0 (%s): Flyway Community does not migrate it; later "
                + "staging-mysql migrations must be applied by hand there", MYSQL_TABLES);
    }
}
