package cn.approvalbridge.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * infra/db/users.sql, run by psql as the operator is told to, on a database of its own in the machine's PostgreSQL
 * (127.0.0.1:5432, user postgres, trust): each component's user creates its tables in its own schema (the real
 * migrations of the two functions) and can neither read nor write another's — the code-assignment user cannot read the
 * notification ledger, the hub cannot read either function's tables — nor create anything outside its schema.
 * The script runs twice, as a re-run after an upgrade would.
 */
class DatabaseUsersTest {

    private static final String HOST = System.getProperty("infra.pg.host", "127.0.0.1");
    private static final String DB = "ab_users_check";
    private static final String DENIED = "42501";

    @BeforeAll
    static void runTheScriptTwice() throws Exception {
        admin("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)",
                "CREATE DATABASE " + DB);
        psql();
        psql();
        migrate("ab_code_assignment", "code_assignment",
                "functions/code-assignment-core/src/main/resources/db/migration/code-assignment/V1_001__ca_assignment.sql");
        migrate("ab_result_notification", "result_notification",
                "functions/result-notification-core/src/main/resources/db/migration/result-notification/V2_001__notification_ledger.sql");
        as("ab_hub", "hub", "CREATE TABLE hub_probe (id INTEGER PRIMARY KEY)", "INSERT INTO hub_probe VALUES (1)");
    }

    @AfterAll
    static void dropIt() throws Exception {
        admin("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
    }

    @Test
    void eachUserWorksInItsOwnSchema() throws Exception {
        as("ab_code_assignment", "code_assignment", "SELECT COUNT(*) FROM ca_assignment");
        as("ab_result_notification", "result_notification", "SELECT COUNT(*) FROM rn_notification");
        assertEquals("1", one("ab_hub", "hub", "SELECT COUNT(*) FROM hub_probe"));
        assertEquals("code_assignment", one("ab_code_assignment", null, "SELECT current_schema()"),
                "the user's search_path is its schema even without ?currentSchema");
    }

    @Test
    void theCodeAssignmentUserCannotReadTheNotificationLedgerNorTheHub() {
        denied("ab_code_assignment", "SELECT * FROM result_notification.rn_notification");
        denied("ab_code_assignment", "SELECT * FROM result_notification.rn_notification_history");
        denied("ab_code_assignment", "SELECT * FROM hub.hub_probe");
    }

    @Test
    void theNotificationUserCannotReadCodesNorTheHub() {
        denied("ab_result_notification", "SELECT * FROM code_assignment.ca_assignment");
        denied("ab_result_notification", "DELETE FROM code_assignment.ca_assignment");
        denied("ab_result_notification", "SELECT * FROM hub.hub_probe");
    }

    @Test
    void theHubCannotReadTheFunctionsTables() {
        denied("ab_hub", "SELECT * FROM code_assignment.ca_assignment");
        denied("ab_hub", "UPDATE result_notification.rn_notification SET status = status");
    }

    @Test
    void nobodyCreatesOutsideItsSchema() {
        denied("ab_code_assignment", "CREATE TABLE public.squat (id INTEGER)");
        denied("ab_code_assignment", "CREATE TABLE result_notification.squat (id INTEGER)");
        denied("ab_hub", "CREATE TABLE code_assignment.squat (id INTEGER)");
        denied("ab_result_notification", "CREATE SCHEMA squat");
    }

    private static void denied(String user, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> as(user, null, sql), user + ": " + sql);
        assertEquals(DENIED, e.getSQLState(), user + ": " + sql + " → " + e.getMessage());
    }

    private static void psql() throws IOException, InterruptedException {
        Path script = Locations.repoRoot().resolve("infra/db/users.sql");
        Process p = new ProcessBuilder("psql", "-X", "-q", "-h", HOST, "-U", "postgres", "-d", DB,
                "-v", "ON_ERROR_STOP=1", "-v", "hub_password=check-hub", "-v", "ca_password=check-ca",
                "-v", "rn_password=check-rn", "-f", script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("psql -f infra/db/users.sql failed:\n" + out);
        }
    }

    private static void migrate(String user, String schema, String migration) throws Exception {
        as(user, schema, Files.readString(Locations.repoRoot().resolve(migration)));
    }

    private static void admin(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":5432/test", "postgres", "");
                Statement s = c.createStatement()) {
            for (String q : sql) {
                if (!q.isEmpty()) {
                    s.execute(q);
                }
            }
        }
    }

    private static Connection connect(String user, String schema) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":5432/" + DB
                + (schema == null ? "" : "?currentSchema=" + schema), user, "");
    }

    private static void as(String user, String schema, String... sql) throws SQLException {
        try (Connection c = connect(user, schema); Statement s = c.createStatement()) {
            for (String q : List.of(sql)) {
                s.execute(q);
            }
        }
    }

    private static String one(String user, String schema, String sql) throws SQLException {
        try (Connection c = connect(user, schema); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
