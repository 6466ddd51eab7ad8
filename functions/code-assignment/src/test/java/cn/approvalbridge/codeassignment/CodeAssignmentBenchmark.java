package cn.approvalbridge.codeassignment;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.support.StoreDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Throughput figures, not a check (tag "bench": only {@code -Pbench} runs it; see bench.sh). Codes per second at 1
 * and 64 concurrent callers, in-process (what the hub does) and over HTTP (what a partner sees), beside the raw rate
 * of a single-row insert round trip into a scratch copy of ca_assignment on the same database, measured in the same
 * run. An assignment is one SELECT plus one INSERT, so a ratio near 0.5 means the service adds little of its own.
 * Over HTTP twice, as two kinds of partner client in this same JVM: the JDK's HttpClient (asynchronous inside, a
 * selector thread between the caller and the socket) and a plain blocking HttpURLConnection with keep-alive; each
 * also as a share of the in-process rate.
 */
@QuarkusTest
@Tag("bench")
class CodeAssignmentBenchmark {

    static final int OPS_1 = Integer.getInteger("bench.ops1", 5000);
    static final int OPS_64 = Integer.getInteger("bench.ops64", 6400);
    static final int WARMUP = Integer.getInteger("bench.warmup", 6000);

    @Inject
    CodeAssignmentService service;

    @Inject
    StoreDataSource store;

    @TestHTTPResource("/")
    URL url;

    final String run = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    final AtomicInteger seq = new AtomicInteger();

    @Test
    void measure() throws Exception {
        String db = store.isPostgresql() ? "PostgreSQL" : "H2 (file)";
        createScratchTable();
        try {
            // Warm-up: JIT, pool, caches; each path as long as the others (the HTTP paths run many more methods, and
            // 500 calls left them at about two thirds of their steady rate)
            for (Op op : new Op[] { this::rawInsert, this::assignInProcess, this::assignOverHttp,
                    this::assignOverPlainHttp }) {
                rate(16, WARMUP, op);
            }

            StringBuilder table = new StringBuilder();
            table.append(String.format(Locale.ROOT, "Database: %s, %d cores, JDK %s%n", db,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
            table.append("| callers | raw insert/s | codes/s in-process | ratio | over HTTP, JDK HttpClient | ratio "
                    + "| share of in-process | over HTTP, HttpURLConnection | ratio | share of in-process |\n");
            table.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (int callers : new int[] { 1, 64 }) {
                int ops = callers == 1 ? OPS_1 : OPS_64;
                double raw = rate(callers, ops, this::rawInsert);
                double inProcess = rate(callers, ops, this::assignInProcess);
                double http = rate(callers, ops, this::assignOverHttp);
                double plain = rate(callers, ops, this::assignOverPlainHttp);
                table.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %.0f | %.2f | %.2f | %.0f | %.2f | %.2f |%n",
                        callers, raw, inProcess, inProcess / raw, http, http / raw, http / inProcess, plain, plain / raw,
                        plain / inProcess));
            }
            System.out.println("\n=== code-assignment throughput ===\n" + table);
            Path out = Path.of("target", "bench-throughput-" + (store.isPostgresql() ? "postgresql" : "h2") + ".md");
            Files.writeString(out, table.toString());
        } finally {
            dropScratchTable();
            TestStore.delete(store, "declaration_id LIKE ?", run + "%");
        }
    }

    interface Op {
        void run() throws Exception;
    }

    double rate(int callers, int ops, Op op) throws Exception {
        int perCaller = ops / callers;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            tasks.add(() -> {
                for (int i = 0; i < perCaller; i++) {
                    op.run();
                }
                return null;
            });
        }
        long start = System.nanoTime();
        Http.concurrently(callers, tasks);
        long elapsed = System.nanoTime() - start;
        return perCaller * callers / (elapsed / 1e9);
    }

    void assignInProcess() {
        AssignCodeResponse r = service.assign(new AssignCodeRequest(run + seq.incrementAndGet(), "610113", "89", "01"));
        if (r.outcome != AssignCodeResponse.Outcome.ASSIGNED) {
            throw new IllegalStateException(r.toString());
        }
    }

    final ThreadLocal<Http> client = ThreadLocal.withInitial(() -> new Http(url.getPort()));

    void assignOverHttp() {
        var r = client.get().assign(run + seq.incrementAndGet(), "610113", "89", "01");
        if (!r.get("outcome").asText().equals("ASSIGNED")) {
            throw new IllegalStateException(r.toString());
        }
    }

    void assignOverPlainHttp() throws Exception {
        URL assign = new URL(url, "assignCode");
        HttpURLConnection c = (HttpURLConnection) assign.openConnection(); // keep-alive: the JDK reuses the connection
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        c.setRequestProperty("Authorization", Http.HUB);
        byte[] body = Http.JSON.createObjectNode().put("declarationId", run + seq.incrementAndGet())
                .put("regionCode", "610113").put("departmentCode", "89").put("projectTypeCode", "01").toString()
                .getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        if (c.getResponseCode() != 200) {
            throw new IllegalStateException("POST /assignCode answered HTTP " + c.getResponseCode());
        }
        try (InputStream in = c.getInputStream()) {
            if (!Http.JSON.readTree(in).get("outcome").asText().equals("ASSIGNED")) {
                throw new IllegalStateException("not ASSIGNED");
            }
        }
    }

    void rawInsert() throws SQLException {
        int n = seq.incrementAndGet();
        try (Connection c = store.get().getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO ca_bench_insert (declaration_id, project_code,"
                        + " code_prefix, region_code, department_code, project_type_code, assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, run + n);
            ps.setString(2, String.format("%s-%08d", run.substring(6, 14), n));
            ps.setString(3, "2603-610113-89-01");
            ps.setString(4, "610113");
            ps.setString(5, "89");
            ps.setString(6, "01");
            ps.setObject(7, OffsetDateTime.now());
            ps.executeUpdate();
        }
    }

    void createScratchTable() throws SQLException {
        dropScratchTable();
        try (Connection c = store.get().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ca_bench_insert (declaration_id VARCHAR(64) NOT NULL, project_code VARCHAR(24) NOT NULL,"
                    + " code_prefix VARCHAR(17) NOT NULL, region_code VARCHAR(6) NOT NULL, department_code VARCHAR(2) NOT NULL,"
                    + " project_type_code VARCHAR(2) NOT NULL, assigned_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " CONSTRAINT ca_bench_insert_pk PRIMARY KEY (declaration_id), CONSTRAINT ca_bench_insert_code_uk UNIQUE (project_code))");
            s.execute("CREATE INDEX ca_bench_insert_prefix_ix ON ca_bench_insert (code_prefix)");
        }
    }

    void dropScratchTable() throws SQLException {
        try (Connection c = store.get().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS ca_bench_insert");
        }
    }
}
