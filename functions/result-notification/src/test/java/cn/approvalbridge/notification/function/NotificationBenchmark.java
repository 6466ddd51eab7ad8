package cn.approvalbridge.notification.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import cn.approvalbridge.notification.NotificationService;
import cn.approvalbridge.notification.NotifyResultRequest;
import cn.approvalbridge.notification.NotifyResultResponse;
import cn.approvalbridge.notification.Outcome;
import cn.approvalbridge.support.StoreDataSource;

/**
 * Throughput, not a test of the suite (surefire excludes *Benchmark; run it with -Pbench, see the README):
 * notifications per second through the sandbox provider with every ledger write (ledger row, history, send slot,
 * sandbox outbox, receipt), beside the bare ledger insert (one INSERT into rn_notification) in the same run.
 * Count: -Drn.bench.count (default 2000); threads for the concurrent figure: -Drn.bench.threads (default 4).
 */
@QuarkusTest
class NotificationBenchmark {

    @Inject
    NotificationService service;

    @Inject
    StoreDataSource store;

    @Inject
    MutableClock clock;

    private final AtomicInteger numbers = new AtomicInteger(ThreadLocalRandom.current().nextInt(50_000_000));

    @Test
    void throughput() throws Exception {
        int count = Integer.getInteger("rn.bench.count", 2000);
        int threads = Integer.getInteger("rn.bench.threads", 4);
        clock.set(Fixtures.randomMorning());

        // Warm-up: JIT, connection pool, statement caches.
        notifications(200, 1);
        bareInserts(200);

        double bare = bareInserts(count);
        double single = notifications(count, 1);
        double concurrent = notifications(count, threads);
        double bareAgain = bareInserts(count);

        String db = store.isPostgresql() ? "PostgreSQL" : "H2 (file)";
        String report = String.format("result-notification benchmark, %s, %d operations each, %d CPU(s)%n"
                + "  bare ledger insert (INSERT rn_notification, autocommit): %8.0f /s (again after: %.0f /s)%n"
                + "  notifyResult via sandbox, 1 thread:                        %8.0f /s%n"
                + "  notifyResult via sandbox, %d threads:                       %8.0f /s%n",
                db, count, Runtime.getRuntime().availableProcessors(), bare, bareAgain, single, threads, concurrent);
        System.out.println(report);
        try {
            Files.writeString(Path.of("target", "benchmark-" + (store.isPostgresql() ? "postgresql" : "h2") + ".txt"), report);
        } catch (IOException e) {
            // the figures are on stdout anyway
        }
    }

    private double notifications(int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = count / threads;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        NotifyResultResponse r = service.notify(new NotifyResultRequest("bench-" + UUID.randomUUID(),
                                "CODE_ASSIGNED", nextMobile(), Fixtures.PROJECT_CODE, Fixtures.PROJECT_NAME, Map.of(), false));
                        assertEquals(Outcome.SENT, r.outcome);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return (count / threads) * threads / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private double bareInserts(int count) throws Exception {
        long now = clock.millis();
        long start = System.nanoTime();
        try (Connection c = store.get().getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO rn_notification (notification_id, event_id, event, "
                        + "mobile, project_code, rate_key, message_text, parts, template_values, urgent, status, created_at_ms, "
                        + "updated_at_ms) VALUES (?, ?, 'CODE_ASSIGNED', ?, ?, ?, ?, 2, '{}', FALSE, 'FAILED', ?, ?)")) {
            for (int i = 0; i < count; i++) {
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, "bench-bare-" + UUID.randomUUID());
                ps.setString(3, nextMobile());
                ps.setString(4, Fixtures.PROJECT_CODE);
                ps.setString(5, "CODE_ASSIGNED|" + Fixtures.PROJECT_CODE);
                ps.setString(6, "【投资项目审批】benchmark row");
                ps.setLong(7, now);
                ps.setLong(8, now);
                ps.executeUpdate();
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** 150xxxxxxxx, a fresh number each time: the per-number limits must not shape the figure. */
    private String nextMobile() {
        return "150" + String.format("%08d", numbers.incrementAndGet() % 100_000_000);
    }
}
