package cn.approvalbridge.hub.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.approvalbridge.support.Db;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Replicas behind one load balancer share the failed-login count (issue 12): two limiters on the hub's store, each a
 * replica, see one count per client address, lose none under concurrent failures, and the counts past the window are
 * swept. LoginLimitTest: the hub's own doors, with a count another replica began.
 */
@QuarkusTest
class LoginLimiterReplicasTest {

    @Inject
    Db db;

    /** A replica's limiter on this hub's store, as the hub's is configured (10 failures a minute). */
    static LoginLimiter replica(Db db) {
        LoginLimiter l = new LoginLimiter();
        l.db = db;
        l.metrics = new SimpleMeterRegistry();
        l.maxFailures = 10;
        l.windowSeconds = 60;
        return l;
    }

    /** An address no other test (nor an earlier run) counted for. */
    static String freshAddress() {
        return "2001:db8::" + UUID.randomUUID().toString().substring(0, 4);
    }

    @Test
    void failuresOnTwoReplicasAddUpToOneLimit() {
        LoginLimiter a = replica(db);
        LoginLimiter b = replica(db);
        String attacker = freshAddress();
        for (int i = 0; i < 5; i++) {
            assertEquals(0, a.failed(attacker, "basic"), "failure " + (2 * i + 1) + " on replica a");
            assertEquals(0, b.failed(attacker, "basic"), "failure " + (2 * i + 2) + " on replica b");
        }
        long wait = b.failed(attacker, "basic");
        assertTrue(wait >= 1 && wait <= 60, "the 11th failure, on b, is limited: Retry-After " + wait);
        long onA = a.failed(attacker, "basic");
        assertTrue(onA >= 1 && onA <= 60, "replica a limits the address too: Retry-After " + onA);
        assertEquals(0, a.failed(freshAddress(), "basic"), "another address is not limited");
    }

    @Test
    void concurrentFailuresOnTwoReplicasLoseNoCount() throws Exception {
        LoginLimiter[] replicas = {replica(db), replica(db)};
        String attacker = freshAddress();
        awaitSliceStart();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> failures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                LoginLimiter r = replicas[i % 2];
                failures.add(() -> r.failed(attacker, "basic"));
            }
            int limited = 0;
            for (Future<Long> f : pool.invokeAll(failures)) {
                limited += f.get() > 0 ? 1 : 0;
            }
            assertEquals(40, counted(attacker), "every failure counted once");
            assertEquals(30, limited, "all but the first ten limited");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countsPastTheWindowAreSwept() {
        String old = freshAddress();
        String recent = freshAddress();
        LoginLimiter earlier = replica(db);
        earlier.clock = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-3));
        for (int i = 0; i < 11; i++) {
            earlier.failed(old, "basic");
        }
        LoginLimiter now = replica(db);
        now.failed(recent, "basic");
        assertEquals(11, counted(old));
        assertTrue(now.sweep() >= 2, "the old slice and its block are deleted");
        assertEquals(0, counted(old));
        int blocks = db.read(c -> Db.value(c, "SELECT COUNT(*) FROM hub_login_block WHERE limit_key = ?",
                rs -> rs.getInt(1), old));
        assertEquals(0, blocks, "its block is over");
        assertEquals(1, counted(recent), "a count within the window stays");
        assertEquals(0, now.failed(old, "basic"), "the old failures no longer count");
    }

    /**
     * Waits out the last seconds of a time slice (10 s at these settings), so that the burst falls in one slice: across
     * two, a failure may miss the other slice's uncommitted ones and the count of limited answers would be off by one.
     */
    private static void awaitSliceStart() throws InterruptedException {
        long inSlice = System.currentTimeMillis() % 10_000;
        if (inSlice > 6_000) {
            Thread.sleep(10_050 - inSlice);
        }
    }

    private long counted(String address) {
        return db.read(c -> Db.value(c, "SELECT COALESCE(SUM(failures), 0) FROM hub_login_failure WHERE limit_key = ?",
                rs -> rs.getLong(1), address));
    }
}
