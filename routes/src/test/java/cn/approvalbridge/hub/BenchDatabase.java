package cn.approvalbridge.hub;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * For HubBenchmark: which database the benchmarked hub's store is on, and a JDBC connection to that same server for the
 * raw commit rate. {@code embedded} (the default): the hub's own embedded PostgreSQL under its ./data, reached on the
 * port HubProcess gave it with the superuser password the hub made (data/postgres/password). {@code postgresql}: the
 * machine's PostgreSQL (bench.pg.url, default jdbc:postgresql://127.0.0.1:5432/test, user bench.pg.user [postgres],
 * password from the environment BENCH_PG_PASSWORD [none]), the store in schema hubbench and the staging database in
 * hubbench_staging, both dropped before the hub starts so every benchmark starts on an empty store.
 */
final class BenchDatabase {

    static final String SCHEMA = "hubbench";

    private final String kind;
    private final HubProcess hub;
    private final String url = System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private final String user = System.getProperty("bench.pg.user", "postgres");
    private final String password = System.getenv().getOrDefault("BENCH_PG_PASSWORD", "");

    BenchDatabase(String kind, HubProcess hub) {
        if (!List.of("embedded", "postgresql").contains(kind)) {
            throw new IllegalArgumentException("bench.db must be embedded or postgresql, not " + kind);
        }
        this.kind = kind;
        this.hub = hub;
    }

    String kind() {
        return kind;
    }

    String describe() {
        return kind.equals("embedded") ? "embedded PostgreSQL (the hub's ./data, fsync on)"
                : "PostgreSQL at " + url + " (schema " + SCHEMA + ")";
    }

    /** The hub's settings for this database; for PostgreSQL, empties the benchmark's schemas first. */
    List<String> prepareAndSettings() throws Exception {
        if (kind.equals("embedded")) {
            return List.of();
        }
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + "_staging CASCADE");
        }
        // as infra/local/cluster.sh points a replica at PostgreSQL, with the embedded broker kept
        String sep = url.contains("?") ? "&" : "?";
        return List.of("hub.embedded-db.enabled=false", "quarkus.datasource.active=false",
                "quarkus.datasource.postgresql.active=true",
                "quarkus.datasource.postgresql.jdbc.url=" + url + sep + "currentSchema=" + SCHEMA,
                "quarkus.datasource.postgresql.username=" + user, "quarkus.flyway.postgresql.schemas=" + SCHEMA,
                "hub.staging.db-kind=postgresql",
                "quarkus.datasource.staging-postgresql.jdbc.url=" + url + sep + "currentSchema=" + SCHEMA + "_staging",
                "quarkus.datasource.staging-postgresql.username=" + user,
                "quarkus.flyway.staging-postgresql.schemas=" + SCHEMA + "_staging");
    }

    /** The password, if any, goes to the hub through its environment (not its command line). */
    String passwordForHub() {
        return kind.equals("embedded") ? "" : password;
    }

    Connection connect() throws Exception {
        if (kind.equals("embedded")) {
            String pw = Files.readAllLines(hub.cluster().getParent().resolve("password")).get(0).trim();
            return open("jdbc:postgresql://127.0.0.1:" + hub.dbPort() + "/postgres", "postgres", pw);
        }
        return open(url, user, password);
    }

    /**
     * The driver itself, not DriverManager: under exec:java the benchmark's classes live in a class loader that
     * DriverManager does not trust, so it finds no driver for the URL on a later round.
     */
    private static Connection open(String url, String user, String password) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        return new org.postgresql.Driver().connect(url, props);
    }
}
