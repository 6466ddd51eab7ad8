package cn.approvalbridge.hub.platform.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The hub's entry point: on the embedded default, the embedded PostgreSQL first (EmbeddedDatabase), then Quarkus. The
 * datasources and their migrations start with Quarkus, before any bean could start a server, so the server runs by
 * then; and it stops after Quarkus has stopped, so no transaction in flight at shutdown loses its database.
 * <p>
 * The server starts when {@code hub.embedded-db.enabled} (off under cloud) and the store or the staging datasource is
 * the active one and points at it ({@code hub.embedded-db.port}): a store or staging database configured elsewhere is
 * used as configured. Tests (@QuarkusTest) do not run this class and keep H2.
 * <p>
 * The jar's main class by quarkus.package.main-class, not by @QuarkusMain: that annotation would also stop Camel Quarkus
 * from starting the routes by itself (in tests too).
 */
public final class HubMain {

    private static final Logger LOG = Logger.getLogger(HubMain.class);

    private HubMain() {
    }

    public static void main(String... args) throws Exception {
        SmallRyeConfig config = config();
        EmbeddedDatabase db = null;
        if (config.getOptionalValue("hub.embedded-db.enabled", Boolean.class).orElse(false)) {
            db = startEmbedded(config);
        }
        if (db != null) {
            EmbeddedDatabase started = db;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterQuarkus(started), "embedded-db-stop"));
        }
        try {
            Quarkus.run(args);
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    private static EmbeddedDatabase startEmbedded(SmallRyeConfig config) throws Exception {
        int port = config.getValue("hub.embedded-db.port", Integer.class);
        String prefix = "jdbc:postgresql://127.0.0.1:" + port + "/";
        List<String> users = new ArrayList<>();
        if (config.getOptionalValue("quarkus.datasource.postgresql.active", Boolean.class).orElse(false)
                && url(config, "quarkus.datasource.postgresql.jdbc.url").startsWith(prefix)) {
            users.add("postgresql");
        }
        if ("postgresql".equals(config.getOptionalValue("hub.staging.db-kind", String.class).orElse(""))
                && url(config, "quarkus.datasource.staging-postgresql.jdbc.url").startsWith(prefix)) {
            users.add("staging-postgresql");
        }
        if (users.isEmpty()) {
            return null;
        }
        Path dir = Path.of(config.getValue("hub.embedded-db.dir", String.class));
        Path binaries = Path.of(config.getOptionalValue("hub.embedded-db.binaries-dir", String.class)
                .orElse(dir.resolve("binaries").toString()));
        Duration wait = config.getOptionalValue("hub.embedded-db.startup-wait", String.class)
                .map(DurationConverter::parseDuration).orElse(Duration.ofMinutes(2));
        EmbeddedDatabase db = EmbeddedDatabase.start(dir, binaries, port, wait);
        for (String ds : users) {
            // the password exists only in this JVM and in the 0600 file beside the cluster
            System.setProperty("quarkus.datasource." + ds + ".username", db.username());
            System.setProperty("quarkus.datasource." + ds + ".password", db.password());
        }
        warnAboutOldH2(dir);
        return db;
    }

    /** A ./data of a hub version before the embedded PostgreSQL: its H2 files are not migrated (README). */
    private static void warnAboutOldH2(Path dir) {
        Path parent = dir.toAbsolutePath().getParent();
        for (String name : List.of("hub.mv.db", "staging.mv.db")) {
            if (parent != null && parent.resolve(name).toFile().exists()) {
                LOG.warnf("%s is an H2 database of an earlier hub version: it is not read any more and was not "
                        + "migrated (see the README's upgrade note); the hub now runs on the embedded PostgreSQL in %s",
                        parent.resolve(name), dir);
            }
        }
    }

    private static String url(SmallRyeConfig config, String key) {
        return config.getOptionalValue(key, String.class).orElse("");
    }

    /** Quarkus' own hook stops the application; this one waits for that (bounded), then stops the server. */
    private static void stopAfterQuarkus(EmbeddedDatabase db) {
        Application app = Application.currentApplication();
        if (app != null) {
            Thread waiter = new Thread(app::awaitShutdown, "embedded-db-await-quarkus");
            waiter.setDaemon(true);
            waiter.start();
            try {
                waiter.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            db.close();
        } catch (Exception e) {
            LOG.warn("The embedded database did not stop cleanly (it recovers at the next start)", e);
        }
    }

    /**
     * The configuration as Quarkus will see it for the keys read here (system properties, environment,
     * application.properties, the active profile), read before Quarkus has built its own.
     */
    private static SmallRyeConfig config() {
        String profile = Optional.ofNullable(System.getProperty("quarkus.profile"))
                .or(() -> Optional.ofNullable(System.getenv("QUARKUS_PROFILE"))).orElse("prod");
        // the default sources are the system properties, the environment and application.properties on the class path
        return new SmallRyeConfigBuilder().addDefaultSources().addDefaultInterceptors()
                .withProfiles(Arrays.stream(profile.split(",")).map(String::trim).toList()).build();
    }
}
