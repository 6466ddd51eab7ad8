package cn.approvalbridge.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When a function's start-up runs Flyway: the history table as Flyway writes it, on an in-memory H2. */
class StoreSchemaTest {

    private static final String HISTORY = "\"flyway_schema_history\"";

    private JdbcDataSource db;

    @BeforeEach
    void emptyDatabase() {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:store-schema-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void aNewDatabaseWithoutHistoryIsBehind() {
        Optional<String> behind = StoreSchema.behind(db, HISTORY, List.of("1.001"));
        assertTrue(behind.orElseThrow().startsWith("history table \"flyway_schema_history\" not readable"),
                behind.get());
    }

    @Test
    void everyShippedVersionAppliedIsCurrent() throws SQLException {
        history("(1, '0', 'SCHEMA', TRUE)", "(2, '1.001', 'SQL', TRUE)", "(3, '1.002', 'SQL', TRUE)");
        assertEquals(Optional.empty(), StoreSchema.behind(db, HISTORY, List.of("1.001", "1.002")));
    }

    @Test
    void aShippedVersionNotAppliedIsBehind() throws SQLException {
        history("(1, '1.001', 'SQL', TRUE)");
        assertEquals(Optional.of("version 1.002 not applied"),
                StoreSchema.behind(db, HISTORY, List.of("1.001", "1.002")));
    }

    @Test
    void aFailedMigrationIsBehindEvenWithEveryVersionListed() throws SQLException {
        history("(1, '1.001', 'SQL', TRUE)", "(2, '1.002', 'SQL', FALSE)");
        assertEquals(Optional.of("migration 1.002 failed"), StoreSchema.behind(db, HISTORY, List.of("1.001", "1.002")));
    }

    @Test
    void aHistoryInAnotherSchemaIsReadThere() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA \"code_assignment\"");
        }
        historyIn("\"code_assignment\"." + HISTORY, "(1, '1.001', 'SQL', TRUE)");
        assertEquals(Optional.empty(),
                StoreSchema.behind(db, "\"code_assignment\"." + HISTORY, List.of("1.001")));
        assertTrue(StoreSchema.behind(db, HISTORY, List.of("1.001")).isPresent(), "not in the current schema");
    }

    private void history(String... rows) throws SQLException {
        historyIn(HISTORY, rows);
    }

    /** The columns Flyway's history table has (those the check reads, and two more). */
    private void historyIn(String table, String... rows) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (\"installed_rank\" INT PRIMARY KEY, \"version\" VARCHAR(50), "
                    + "\"type\" VARCHAR(20), \"success\" BOOLEAN NOT NULL)");
            s.execute("INSERT INTO " + table + " VALUES " + String.join(", ", rows));
        }
    }
}
