package cn.approvalbridge.hub.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import cn.approvalbridge.hub.HubProcess;

/**
 * infra/local/cluster.sh driven from a test: {@code up} and {@code down} as a person runs them, with free ports, a data
 * directory under target/ and the store in a fresh PostgreSQL schema; the replicas as the script prints them.
 */
public final class LocalCluster {

    private static final Pattern REPLICA = Pattern.compile("^replica (\\d+) pid (\\d+) port (\\d+)$");
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

    private final Path dataDir;
    private final String schema;
    private final Map<String, String> env;

    LocalCluster(Path dataDir, String schema, String... settings) throws IOException {
        this("-Xmx384m", dataDir, schema, settings);
    }

    /** As above, each replica with {@code heap} (e.g. -Xmx512m, as the templates give it). */
    public LocalCluster(String heap, Path dataDir, String schema, String... settings) throws IOException {
        this.dataDir = dataDir;
        this.schema = schema;
        int base = freePair();
        this.env = Map.of("CLUSTER_DATA_DIR", dataDir.toString(), "BROKER_PORT", Integer.toString(freePort()),
                "HUB_REPLICAS", "2", "HUB_BASE_PORT", Integer.toString(base),
                "DB_JDBC_URL", PG + "?currentSchema=" + schema, "DB_USERNAME", "postgres",
                "HUB_JAR", HubProcess.jar().toString(),
                "HUB_JAVA_OPTS", heap + " " + List.of(settings).stream().map(s -> "-D" + s).collect(Collectors.joining(" ")),
                "CLUSTER_START_TIMEOUT", "200");
    }

    /** cluster.sh up: starts whatever is not running, waits until it is ready, answers every replica it printed. */
    public List<Replica> up() throws Exception {
        String out = run("up", Duration.ofMinutes(6));
        List<Replica> replicas = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = REPLICA.matcher(line.trim());
            if (m.matches()) {
                replicas.add(new Replica(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)),
                        Integer.parseInt(m.group(3))));
            }
        }
        if (replicas.size() != 2 || !out.contains("broker pid ")) {
            throw new IllegalStateException("cluster.sh up printed: " + out);
        }
        System.out.print("cluster.sh up\n" + out);
        return replicas;
    }

    public void down() throws Exception {
        run("down", Duration.ofMinutes(2));
    }

    /** The standalone broker's acceptor, as the replicas reach it. */
    public String brokerUrl() {
        return "tcp://127.0.0.1:" + env.get("BROKER_PORT");
    }

    /** The broker user's password, which cluster.sh made (user hub). */
    public String brokerPassword() throws IOException {
        return Files.readString(dataDir.resolve("broker-password")).trim();
    }

    /** Drops the run's schemas (kept when the test fails, for a look). */
    public void dropSchemas() throws Exception {
        try (var c = DriverManager.getConnection(PG, "postgres", ""); var st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("DROP SCHEMA IF EXISTS " + schema + "_staging CASCADE");
        }
    }

    /** The scheduled jobs' leases in the cluster's store: job → the pid of the replica holding it. */
    Map<String, Long> leaseHolders() throws Exception {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (var c = DriverManager.getConnection(PG + "?currentSchema=" + schema, "postgres", "");
                var rs = c.createStatement().executeQuery("SELECT name, owner FROM hub_lease")) {
            while (rs.next()) {
                out.put(rs.getString(1), Long.parseLong(rs.getString(2).substring(0, rs.getString(2).indexOf('@'))));
            }
        }
        return out;
    }

    private String run(String command, Duration atMost) throws Exception {
        // the module's directory is the working directory of a test; the benchmark (exec:java) names the script
        Path script = Path.of(System.getProperty("hub.cluster.script", "../infra/local/cluster.sh")).toAbsolutePath()
                .normalize();
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), command);
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile()));
        Files.createDirectories(dataDir);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(atMost.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("cluster.sh " + command + " failed (" + out + "); see " + dataDir
                    + ".log and the replicas' hub.log under " + dataDir);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Two consecutive free ports (the replicas' HUB_BASE_PORT and the next). */
    private static int freePair() throws IOException {
        for (int i = 0; i < 50; i++) {
            int p = freePort();
            try (ServerSocket next = new ServerSocket(p + 1)) {
                return p;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no two consecutive free ports");
    }

    /** One replica as cluster.sh printed it: the JVM's own pid, so kill -9 is {@link #kill}. */
    public record Replica(int number, long pid, int port) {

        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        void kill() throws Exception {
            ProcessHandle h = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
            h.destroyForcibly();
            h.onExit().get(30, TimeUnit.SECONDS);
        }

        public HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(15));
            if (user != null) {
                b.header("Authorization", basic(user));
            }
            return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        public HttpResponse<String> post(String path, String user, String json) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
            if (user != null) {
                b.header("Authorization", basic(user));
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        private static String basic(String user) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":sandbox").getBytes(StandardCharsets.UTF_8));
        }
    }
}
