package cn.approvalbridge.hub.utility;

import static io.restassured.RestAssured.given;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Benchmark, not a test (its name keeps it out of the normal suite). Run:
 * {@code ./mvnw -B -pl routes verify -Dtest=UtilityBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbench.declarations=100 -Dbench.applications=200 -Dbench.threads=8}.
 * Measures, in one run on the embedded default (H2, embedded Artemis, sandbox partners): the hub's own intake (declarations
 * accepted per second by the API, and coded end to end per second), then joint utility applications accepted per second
 * and applications per second split and acknowledged by all five sandbox providers (JSON, XML and SFTP).
 */
@QuarkusTest
@TestProfile(UtilityBenchmark.Isolated.class)
class UtilityBenchmark {

    /** Its own database, journal and SFTP directory: the work it leaves in flight never reaches the test suite's hub. */
    public static class Isolated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:file:./target/bench-data/hub;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                    "hub.broker.data-dir", "./target/bench-data/broker",
                    "hub.sandbox.utilities.sftp.root", "./target/bench-data/sandbox-sftp");
        }
    }

    @Inject
    Db db;

    @Test
    void run() throws Exception {
        int declarations = Integer.getInteger("bench.declarations", 100);
        int applications = Integer.getInteger("bench.applications", 200);
        int threads = Integer.getInteger("bench.threads", 8);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        String run = Fixtures.uniqueId("B");

        // 1. the hub's own intake
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < declarations; i++) {
            ids.add(run + "-D" + i);
        }
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (String id : ids) {
            fs.add(pool.submit(() -> given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                    .body(Fixtures.declaration(id, Fixtures.mobile(), List.of("FGW"))).post("/api/v1/declarations").then()
                    .statusCode(202)));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        long t1 = System.nanoTime();
        List<String> codes = waitFor(() -> db.read(c -> Db.list(c, "SELECT project_code FROM hub_declaration WHERE "
                + "declaration_id LIKE ? AND project_code IS NOT NULL", rs -> rs.getString(1), run + "-D%")), declarations);
        long t2 = System.nanoTime();

        // 2. joint utility applications, five utilities each, spread over the coded projects
        long t3 = System.nanoTime();
        fs.clear();
        for (int i = 0; i < applications; i++) {
            String code = codes.get(i % codes.size());
            String appId = run + "-A" + i;
            fs.add(pool.submit(() -> UtilityTestSupport.apply(code, UtilityTestSupport.form(appId, Fixtures.mobile(),
                    "WATER", "POWER", "GAS", "HEAT", "TELECOM")).statusCode(202)));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        long t4 = System.nanoTime();
        waitFor(() -> db.read(c -> Db.list(c, "SELECT application_id FROM hub_utility_request WHERE application_id LIKE ? "
                + "GROUP BY application_id HAVING COUNT(requested_at) = 5", rs -> rs.getString(1), run + "-A%")), applications);
        long t5 = System.nanoTime();
        pool.shutdown();

        String report = String.format("""
                Utility benchmark (%d declarations, %d joint applications x 5 utilities, %d client threads, %d cores)
                  hub intake:        %.1f declarations/s accepted (202) by the API
                  hub end to end:    %.1f declarations/s pre-reviewed, coded and registered
                  utility intake:    %.1f applications/s accepted (202) by the API
                  utility split+ack: %.1f applications/s split and acknowledged by all five sandbox providers \
                (%.1f provider requests/s over JSON, XML and SFTP)
                """, declarations, applications, threads, Runtime.getRuntime().availableProcessors(),
                declarations / sec(t0, t1), declarations / sec(t0, t2), applications / sec(t3, t4),
                applications / sec(t3, t5), 5 * applications / sec(t3, t5));
        System.out.println(report);
        Files.writeString(Path.of("target", "utility-benchmark.txt"), report);
    }

    static double sec(long from, long to) {
        return (to - from) / 1e9;
    }

    static <T> List<T> waitFor(java.util.concurrent.Callable<List<T>> query, int n) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<T> got = query.call();
            if (got.size() >= n) {
                return got;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("benchmark did not complete within 10 minutes");
    }
}
