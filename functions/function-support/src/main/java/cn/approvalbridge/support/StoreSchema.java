package cn.approvalbridge.support;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.jboss.logging.Logger;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.flyway.FlywayDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * A function's schema at start-up: one query of Flyway's history table, and Flyway itself only when that query does
 * not find every migration the jar ships applied.
 * <p>
 * A function starts often (every Lambda cold start, every new container) and its schema changes only with a release,
 * so running Flyway on every start (its classes loaded, the database inspected, every migration's checksum validated;
 * about 240 ms of a 1.7 s start to first answer on the 2-core bench machine) buys nothing on all starts but the first
 * after an upgrade. The function lists the versions of its migrations in {@value #VERSIONS_KEY} (a test keeps the list
 * equal to the migration files, through {@link #listMismatch()}); when every one of them is in the history table as a
 * success and no migration there has failed, the schema is current and Flyway does not run. Otherwise, and always with
 * {@value #CHECK_KEY}{@code =flyway}, Quarkus' Flyway for the active datasource migrates and validates as
 * {@code migrate-at-start} would, and a failure stops the start-up just the same.
 * <p>
 * Without {@value #VERSIONS_KEY} (the hub, which runs the functions in-process on its own store) this does nothing:
 * there Quarkus' {@code migrate-at-start} migrates.
 */
@ApplicationScoped
public class StoreSchema {

    public static final String VERSIONS_KEY = "function.schema.versions";
    public static final String CHECK_KEY = "function.schema.check";

    private static final Logger LOG = Logger.getLogger(StoreSchema.class);

    @Inject
    StoreDataSource store;

    @Inject
    @Any
    InjectableInstance<Flyway> flyways;

    @Inject
    Config config;

    @ConfigProperty(name = VERSIONS_KEY)
    Optional<List<String>> versions;

    /** {@code versions}: the history query, Flyway only when it finds the schema behind; {@code flyway}: always. */
    @ConfigProperty(name = CHECK_KEY, defaultValue = "versions")
    String check;

    /** Before anything that reads the store at start-up (priority 10: Quarkus' default for observers is 2500). */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (versions.isEmpty()) {
            return;
        }
        if (!"versions".equals(check) && !"flyway".equals(check)) {
            throw new IllegalStateException(CHECK_KEY + " must be 'versions' or 'flyway', not '" + check + "'");
        }
        String prefix = store.isPostgresql() ? "quarkus.flyway." + StoreDataSource.POSTGRESQL + "." : "quarkus.flyway.";
        String table = config.getOptionalValue(prefix + "table", String.class).orElse("flyway_schema_history");
        Optional<String> schema = config.getOptionalValues(prefix + "schemas", String.class).map(s -> s.get(0));
        String qualified = schema.map(s -> quote(s) + ".").orElse("") + quote(table);
        Optional<String> behind = "flyway".equals(check) ? Optional.of(CHECK_KEY + "=flyway")
                : behind(store.get(), qualified, versions.get());
        if (behind.isEmpty()) {
            LOG.debugf("Store schema current (%s applied): Flyway not run", versions.get());
            return;
        }
        LOG.infof("Store schema: %s; running Flyway", behind.get());
        flyway().migrate();
        // Flyway is loaded now anyway: say so if the list would let a later start skip a migration
        listMismatch().ifPresent(m -> LOG.warnf("Store schema: %s", m));
    }

    /**
     * How {@value #VERSIONS_KEY} differs from the migrations Flyway resolves from the jar, and which are still
     * pending; empty when the list names exactly the shipped versions and all are applied. Loads Flyway: for tests and
     * the start-ups that run it anyway, not for the quick check.
     */
    public Optional<String> listMismatch() {
        MigrationInfoService info = flyway().info();
        List<String> shipped = Arrays.stream(info.all())
                .filter(m -> m.getState().isResolved() && m.getVersion() != null) // not the schema's creation
                .map(m -> m.getVersion().getVersion()).toList();
        List<String> pending = Arrays.stream(info.pending()).map(MigrationInfo::getScript).toList();
        List<String> listed = versions.orElse(List.of());
        if (listed.equals(shipped) && pending.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(VERSIONS_KEY + " is " + listed + ", the jar ships " + shipped
                + (pending.isEmpty() ? "" : ", pending: " + pending));
    }

    /** Quarkus' Flyway for the active store datasource (its locations, schemas and table from configuration). */
    public Flyway flyway() {
        return store.isPostgresql()
                ? flyways.select(FlywayDataSource.FlywayDataSourceLiteral.of(StoreDataSource.POSTGRESQL)).get()
                : flyways.select(Default.Literal.INSTANCE).get();
    }

    /**
     * Why the schema behind {@code dataSource} is not current: a version of {@code versions} not applied, a failed
     * migration, or the history table unreadable (not created yet); empty when it is current.
     */
    static Optional<String> behind(javax.sql.DataSource dataSource, String historyTable, List<String> versions) {
        List<Applied> history;
        try {
            history = Db.read(dataSource, c -> Db.list(c, "SELECT \"version\", \"success\" FROM " + historyTable,
                    rs -> new Applied(rs.getString(1), rs.getBoolean(2))));
        } catch (Db.StoreException e) {
            return Optional.of("history table " + historyTable + " not readable ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        Optional<Applied> failed = history.stream().filter(a -> !a.success()).findFirst();
        if (failed.isPresent()) {
            return Optional.of("migration " + failed.get().version() + " failed");
        }
        Set<String> applied = history.stream().map(Applied::version).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return versions.stream().filter(v -> !applied.contains(v)).findFirst()
                .map(v -> "version " + v + " not applied");
    }

    /** A row of Flyway's history table: the version (null for the schema's creation), and whether it succeeded. */
    private record Applied(String version, boolean success) {
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
