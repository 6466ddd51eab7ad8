package cn.approvalbridge.hub.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import io.quarkus.flyway.FlywayDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The sandbox's tables come from its own migration location, which only a hub whose sandbox runs applies: the store's
 * migrations, as this build packs them, run on fresh in-memory databases with the sandbox on (embedded default) and
 * off (as under cloud).
 */
@QuarkusTest
class SandboxMigrationsTest {

    private static final Pattern TABLE_IN_SQL = Pattern.compile("(?i)\\b(?:FROM|INTO|UPDATE|JOIN)\\s+((?:hub|ca|rn)_[a-z_]+)");

    /** The store's Flyway: of the default datasource, or of the postgresql one when that is the active store. */
    @Inject
    @Any
    Instance<Flyway> flyways;

    private Flyway storeFlyway() {
        boolean defaultActive = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.active", Boolean.class)
                .orElse(true);
        return defaultActive ? flyways.select(Default.Literal.INSTANCE).get()
                : flyways.select(FlywayDataSource.FlywayDataSourceLiteral.of("postgresql")).get();
    }

    @Test
    void bothStoreDatasourcesListTheSandboxLocation() {
        for (String key : List.of("quarkus.flyway.locations", "quarkus.flyway.postgresql.locations")) {
            List<String> locations = List.of(ConfigProvider.getConfig().getValue(key, String.class).split(","));
            assertTrue(locations.contains("db/migration/sandbox"), key + " = " + locations);
            assertTrue(locations.contains("db/migration/hub"), key + " = " + locations);
        }
    }

    @Test
    void withoutTheSandboxNoSandboxTableAndEveryOtherTable() throws Exception {
        Set<String> embedded = tablesAfterMigrating(true);
        Set<String> cloud = tablesAfterMigrating(false);

        Set<String> sandbox = embedded.stream().filter(t -> t.startsWith("hub_sandbox_")).collect(Collectors.toSet());
        assertEquals(Set.of("hub_sandbox_received", "hub_sandbox_pending_work", "hub_sandbox_clock"), sandbox);
        assertTrue(cloud.stream().noneMatch(t -> t.startsWith("hub_sandbox_")), cloud.toString());
        Set<String> expected = new TreeSet<>(embedded);
        expected.removeAll(sandbox);
        assertEquals(expected, cloud);

        Set<String> used = tablesNamedInMainCode();
        assertTrue(used.contains("hub_declaration") && used.contains("ca_assignment") && used.contains("rn_notification"),
                used.toString());
        for (String table : used) {
            if (!table.startsWith("hub_sandbox_")) {
                assertTrue(cloud.contains(table), table + " is used by the hub but not created without the sandbox");
            }
        }
    }

    @Test
    void onlyFilesOfSandboxLocationsAreLeftOut() {
        assertTrue(SandboxMigrations.isSandbox("db/migration/sandbox/V5_001__sandbox_partners.sql"));
        assertTrue(SandboxMigrations.isSandbox("db/migration/result-notification-sandbox/V2_900__x.sql"));
        assertFalse(SandboxMigrations.isSandbox("db/migration/hub/V3_001__hub_core.sql"));
        assertFalse(SandboxMigrations.isSandbox("db/migration/hub/V9_001__sandbox_words_in_a_file_name.sql"));
    }

    /** The store's Flyway (its build-time locations and files), on a fresh database, customized as at start-up. */
    private Set<String> tablesAfterMigrating(boolean sandboxEnabled) throws SQLException {
        String url = "jdbc:h2:mem:migrations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        FluentConfiguration configuration = Flyway.configure().configuration(storeFlyway().getConfiguration())
                .dataSource(url, "sa", "");
        SandboxMigrations customizer = new SandboxMigrations();
        customizer.enabled = sandboxEnabled;
        customizer.customize(configuration);
        configuration.load().migrate();
        Set<String> tables = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                        + "WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'")) {
            while (rs.next()) {
                tables.add(rs.getString(1).toLowerCase());
            }
            c.createStatement().execute("SHUTDOWN");
        }
        return tables;
    }

    /** Every hub_, ca_ and rn_ table the SQL of the hub and of the function cores it runs in-process names. */
    private static Set<String> tablesNamedInMainCode() throws IOException {
        Set<String> tables = new TreeSet<>();
        for (String root : List.of("src/main/java", "../functions/code-assignment-core/src/main/java",
                "../functions/result-notification-core/src/main/java")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = TABLE_IN_SQL.matcher(Files.readString(f));
                    while (m.find()) {
                        tables.add(m.group(1).toLowerCase());
                    }
                }
            }
        }
        return tables;
    }
}
