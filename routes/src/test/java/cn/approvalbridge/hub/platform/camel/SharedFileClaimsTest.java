package cn.approvalbridge.hub.platform.camel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.platform.store.LeasesTest;
import cn.approvalbridge.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Pollers of one shared directory on several replicas, played by claim instances of different owners on this hub's
 * store: a file is claimed by one, taken over only when its claim expired unconfirmed (its reader died), never again
 * once read, at once after a failed read.
 */
@QuarkusTest
class SharedFileClaimsTest {

    @Inject
    Db db;

    private SharedFileClaims poller(Duration ttl) {
        SharedFileClaims f = new SharedFileClaims();
        f.db = db;
        f.leases = LeasesTest.replica(db, Duration.ofSeconds(30));
        f.ttl = ttl;
        return f;
    }

    @Test
    void aFileIsClaimedOnceAndTakenOverOnlyWhenItsReaderDiedReadingIt() throws Exception {
        String file = "test/" + UUID.randomUUID() + ".csv/120/1700000000";
        SharedFileClaims a = poller(Duration.ofSeconds(2));
        SharedFileClaims b = poller(Duration.ofSeconds(2));

        assertTrue(a.add(file), "the first poller claims it");
        assertFalse(b.add(file), "the second skips it");
        assertTrue(b.contains(file));

        // a died reading it: the claim expires unconfirmed and b reads it
        Thread.sleep(2300);
        assertFalse(b.contains(file));
        assertTrue(b.add(file), "taken over");
        assertFalse(a.confirm(file), "the dead reader's confirmation no longer counts");
        assertTrue(b.confirm(file));

        // read: nobody takes it again, however long after
        Thread.sleep(2300);
        assertFalse(a.add(file));
        assertTrue(a.contains(file));

        // a failed read gives the file back at once
        String failed = "test/" + UUID.randomUUID() + ".csv/1/1";
        assertTrue(a.add(failed));
        assertTrue(a.remove(failed));
        assertTrue(b.add(failed));
    }
}
