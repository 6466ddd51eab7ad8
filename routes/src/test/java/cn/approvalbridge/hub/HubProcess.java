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
 * ./data (H2 file database, Artemis journal) can be killed with kill -9 and reopened by the next process.
 */
public final class HubProcess implements AutoCloseable {

    private final Path workDir;
    private final int port;
    private Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public HubProcess(Path workDir) throws IOException {
        this.workDir = workDir;
        Files.createDirectories(workDir);
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
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
        cmd.add("-Xmx512m");
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
        process = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("hub.log").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
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
        throw new IllegalStateException("The hub did not become ready in 90 s; see " + workDir.resolve("hub.log"));
    }

    /** kill -9: no shutdown hook, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
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

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
