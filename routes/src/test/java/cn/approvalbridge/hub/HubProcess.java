package cn.approvalbridge.hub;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The packaged hub (target/quarkus-app/quarkus-run.jar) as a child JVM in a working directory of its own, so its
 * ./data (embedded PostgreSQL cluster, Artemis journal) can be killed with kill -9 and reopened by the next process.
 * The embedded database gets a free port of its own (several checkouts run their tests on one machine), and the
 * PostgreSQL binaries are unpacked once into target/embedded-pg-binaries for all tests.
 */
public final class HubProcess implements AutoCloseable {

    private final Path workDir;
    private final int port;
    private final int dbPort;
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m"));
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();
    private Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public HubProcess(Path workDir) throws IOException {
        this.workDir = workDir;
        Files.createDirectories(workDir);
        this.port = freePort();
        this.dbPort = freePort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** JVM options for the next start (e.g. quicker start-up for a test that restarts the hub many times). */
    public HubProcess jvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /** Environment variables for the next start (secrets, which the command line would show). */
    public HubProcess environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The JVM options (heap settings first) the hub is started with. */
    public List<String> jvmSettings() {
        return List.copyOf(jvmOptions);
    }

    /** The hub JVM's process id (while it runs). */
    public long pid() {
        return process.pid();
    }

    /** The embedded PostgreSQL's port on 127.0.0.1. */
    public int dbPort() {
        return dbPort;
    }

    /** The embedded PostgreSQL's cluster (data directory) of this hub. */
    public Path cluster() {
        return workDir.resolve("data/postgres/cluster");
    }

    public static Path jar() {
        String configured = System.getProperty("hub.jar");
        Path jar = Path.of(configured != null ? configured : "target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged hub at " + jar + ": run ./mvnw -B -pl routes package first");
        }
        return jar;
    }

    public void start(String... systemProperties) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Dhub.embedded-db.port=" + dbPort);
        cmd.add("-Dhub.embedded-db.binaries-dir=" + Path.of("target", "embedded-pg-binaries").toAbsolutePath());
        for (String p : systemProperties) {
            cmd.add("-D" + p);
        }
        cmd.add("-Dquarkus.http.port=" + port);
        // SMS quiet hours off, so the check does not depend on the time of day the build runs
        cmd.add("-Dresult-notification.quiet-hours.start=00:00");
        cmd.add("-Dresult-notification.quiet-hours.end=00:00");
        cmd.add("-Dhub.outbox.sweep-after-ms=2000");
        // by default the sandbox departments do not walk projects on through steps 4-7 (KillRestartIT counts
        // CODE_ASSIGNED SMS only); a caller that passes hub.sandbox.departments.walk decides for itself
        if (Arrays.stream(systemProperties).noneMatch(p -> p.startsWith("hub.sandbox.departments.walk="))) {
            cmd.add("-Dhub.sandbox.departments.walk=false");
        }
        cmd.add("-jar");
        cmd.add(jar().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(environment);
        process = pb.directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("hub.log").toFile()))
                .start();
        // hub.process.start-seconds: a longer wait on a loaded machine (the benchmark waits 600 s)
        int startSeconds = Integer.getInteger("hub.process.start-seconds", 180);
        long deadline = System.nanoTime() + Duration.ofSeconds(startSeconds).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The hub exited at start; see " + workDir.resolve("hub.log"));
            }
            try {
                if (get("/q/health/ready", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The hub did not become ready in " + startSeconds + " s; see "
                + workDir.resolve("hub.log"));
    }

    /**
     * kill -9 of the hub and of every process it started: its JVM, the JVM's children, the embedded PostgreSQL server
     * (which pg_ctl detaches from the JVM) and its backends, and anything else running with this working directory on
     * its command line. No shutdown hook, no flush, no checkpoint. Returns how many processes were killed.
     */
    public int kill() throws Exception {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        all.addAll(process.descendants().toList());
        all.addAll(embeddedDatabaseProcesses());
        for (ProcessHandle p : all) {
            p.destroyForcibly();
        }
        for (ProcessHandle p : all) {
            p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        process.waitFor();
        List<ProcessHandle> left = embeddedDatabaseProcesses();
        if (!left.isEmpty()) {
            throw new IllegalStateException("Still running after kill -9: " + left);
        }
        return all.size();
    }

    /** kill -9 of the hub's JVM only: its embedded PostgreSQL lives on, as after a crash of the JVM alone. */
    public void killJvmOnly() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The postmaster of this hub's cluster with its backends, and any process naming the working directory. */
    private List<ProcessHandle> embeddedDatabaseProcesses() throws IOException {
        List<ProcessHandle> found = new ArrayList<>();
        Path pid = cluster().resolve("postmaster.pid");
        if (Files.exists(pid)) {
            List<String> lines = Files.readAllLines(pid);
            if (!lines.isEmpty() && lines.get(0).trim().matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                        .filter(p -> commandLine(p).contains(cluster().toString())).ifPresent(p -> {
                            found.add(p);
                            found.addAll(p.descendants().toList());
                        });
            }
        }
        String dir = workDir.toAbsolutePath().toString();
        ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> commandLine(p).contains(dir + "/")).forEach(p -> {
                    if (!found.contains(p)) {
                        found.add(p);
                    }
                });
        return found.stream().filter(ProcessHandle::isAlive).toList();
    }

    private static String commandLine(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    public String base() {
        return "http://localhost:" + port;
    }

    public HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10));
        if (user != null) {
            b.header("Authorization", basic(user));
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String user, String json) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":sandbox").getBytes(StandardCharsets.UTF_8));
    }

    /** A clean stop (SIGTERM: the hub stops, then its embedded database); whatever is left is killed. */
    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        if (process != null) {
            for (ProcessHandle p : embeddedDatabaseProcesses()) {
                p.destroyForcibly();
            }
        }
    }
}
