package cn.approvalbridge.hub.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.quarkus.test.junit.QuarkusTest;

/**
 * Replicas on one store, played by several Leases (and file claim) instances on this hub's database, each its own
 * owner: a lease has one holder at a time, a dead holder's lease is taken over after its ttl, a clean stop hands it over
 * at once (SharedFileClaimsTest: the files of a shared directory).
 */
@QuarkusTest
public class LeasesTest {

    @Inject
    Db db;

    /** A replica's leases; public for the other platform tests that play replicas. */
    public static Leases replica(Db db, Duration ttl) {
        Leases l = new Leases();
        l.db = db;
        l.ttl = ttl;
        return l;
    }

    private Leases replica(Duration ttl) {
        return replica(db, ttl);
    }

    @Test
    void oneHolderAtATimeTakenOverAfterItsTtlAndAtOnceAfterACleanStop() throws Exception {
        String job = "test-" + UUID.randomUUID().toString().substring(0, 8);
        Leases a = replica(Duration.ofSeconds(2));
        Leases b = replica(Duration.ofSeconds(2));
        assertNotEquals(a.owner(), b.owner());

        assertTrue(a.hold(job), "the first asks, takes it");
        assertFalse(b.hold(job), "held: the other replica waits");
        assertTrue(a.hold(job), "the holder renews it");
        assertFalse(b.hold(job));

        // a stops ticking (killed): after the ttl the other replica takes over, and a does not get it back
        Thread.sleep(2300);
        assertTrue(b.hold(job), "expired: taken over");
        assertFalse(a.hold(job), "the dead holder's renewal comes too late");

        // a clean stop releases at once
        b.release();
        assertTrue(a.hold(job), "released: taken at once");
        assertFalse(b.hold(job), "a stopping replica takes nothing");
    }

    @Test
    void eightReplicasAskingAtOnceGiveOneHolder() throws Exception {
        String job = "test-race-" + UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> asks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Leases r = replica(Duration.ofSeconds(30));
                asks.add(() -> r.hold(job));
            }
            int holders = 0;
            for (Future<Boolean> f : pool.invokeAll(asks)) {
                holders += f.get() ? 1 : 0;
            }
            assertEquals(1, holders);
        } finally {
            pool.shutdownNow();
        }
    }
}
