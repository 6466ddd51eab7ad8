package cn.approvalbridge.hub.platform.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import cn.approvalbridge.hub.platform.store.Leases;
import cn.approvalbridge.support.Db;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;

/**
 * Failed attempts per client address (wrong passwords, refused client certificates, wrong status-page tokens and
 * SMS-receipt keys): after more than hub.logins.max-failures in hub.logins.window-seconds, further failures from that
 * address are answered 429 for window-seconds (each further failure extends it). Right credentials are never refused,
 * so an attacker cannot lock a partner out. The client address is the connection's, or X-Forwarded-For's where
 * quarkus.http.proxy.trusted-proxies names the proxy.
 * <p>
 * Counted in the store, so every replica sees one count (hub_login_failure, hub_login_block): per address and slice of
 * a sixth of the window, each failure one conditional UPDATE (or the slice's first INSERT; a replica that lost that
 * race retries, its transaction rolled back whole), so concurrent failures on several replicas lose nothing. The sum
 * covers the slices the window touches, up to one slice more than the window: it errs towards limiting. A store that
 * cannot count answers every failure as limited (right credentials still pass). Real time, not the hub's business
 * clock (tests and the sandbox move that one).
 */
@ApplicationScoped
public class LoginLimiter {

    private static final Logger LOG = Logger.getLogger(LoginLimiter.class);
    private static final int SLICES = 6;
    private static final int KEY_LENGTH = 100;

    @ConfigProperty(name = "hub.logins.max-failures", defaultValue = "10")
    int maxFailures;

    @ConfigProperty(name = "hub.logins.window-seconds", defaultValue = "60")
    int windowSeconds;

    @Inject
    MeterRegistry metrics;

    @Inject
    Db db;

    @Inject
    Leases leases;

    Clock clock = Clock.systemUTC();

    /** Counts a failure; answers the seconds to wait (Retry-After) if the address is now limited, else 0. */
    public long failed(String address, String door) {
        metrics.counter("hub.logins.failed", "door", door).increment();
        String key = address == null ? "unknown" : address.substring(0, Math.min(address.length(), KEY_LENGTH));
        long now = clock.millis();
        long until;
        try {
            until = count(key, now);
        } catch (Db.StoreException e) {
            LOG.warnf("Failed login not counted (store unavailable: %s); answered as limited", e.getMessage());
            until = now + windowSeconds * 1000L;
        }
        if (until <= now) {
            return 0;
        }
        metrics.counter("hub.logins.limited", "door", door).increment();
        return Math.max(1, (until - now + 999) / 1000);
    }

    /**
     * {@link #failed} for an authentication mechanism: off the event loop when called on it (the count is a few
     * statements on the store), where it is already on a worker (after the bcrypt check) inline.
     */
    public Uni<Long> failedLater(String address, String door) {
        Uni<Long> counted = Uni.createFrom().item(() -> failed(address, door));
        return Context.isOnEventLoopThread() ? counted.runSubscriptionOn(Infrastructure.getDefaultWorkerPool()) : counted;
    }

    /** Adds the failure to its slice; answers until when the address is limited (past: not limited). */
    private long count(String key, long now) {
        long slice = slice(now);
        for (int attempt = 1;; attempt++) {
            try {
                return db.inTransaction(c -> {
                    if (Db.update(c, "UPDATE hub_login_failure SET failures = failures + 1 WHERE limit_key = ? "
                            + "AND time_slice = ?", key, slice) == 0) {
                        Db.update(c, "INSERT INTO hub_login_failure (limit_key, time_slice, failures) VALUES (?, ?, 1)",
                                key, slice);
                    }
                    long oldest = slice - slicesPerWindow();
                    Db.update(c, "DELETE FROM hub_login_failure WHERE limit_key = ? AND time_slice < ?", key, oldest);
                    long failures = Db.value(c, "SELECT COALESCE(SUM(failures), 0) FROM hub_login_failure "
                            + "WHERE limit_key = ? AND time_slice >= ?", rs -> rs.getLong(1), key, oldest);
                    if (failures > maxFailures) {
                        block(c, key, now + windowSeconds * 1000L);
                    }
                    return Db.one(c, "SELECT blocked_until FROM hub_login_block WHERE limit_key = ?",
                            rs -> rs.getLong(1), key).orElse(0L);
                });
            } catch (Db.StoreException e) {
                if (attempt > 1 || !Db.isDuplicateKey(e)) {
                    throw e;
                }
                // another replica inserted the slice (or the block) first: counted again, as an UPDATE this time
            }
        }
    }

    private static void block(Connection c, String key, long until) throws SQLException {
        if (Db.update(c, "UPDATE hub_login_block SET blocked_until = CASE WHEN blocked_until < ? THEN ? "
                + "ELSE blocked_until END WHERE limit_key = ?", until, until, key) == 0) {
            Db.update(c, "INSERT INTO hub_login_block (limit_key, blocked_until) VALUES (?, ?)", key, until);
        }
    }

    long slice(long millis) {
        return millis / 1000 / sliceSeconds();
    }

    private long sliceSeconds() {
        return Math.max(1, windowSeconds / SLICES);
    }

    /** Whole slices in a window; the sum also takes the one the window's start falls in. */
    private long slicesPerWindow() {
        return (windowSeconds + sliceSeconds() - 1) / sliceSeconds();
    }

    @Scheduled(every = "{hub.logins.sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "30s")
    void scheduledSweep() {
        // one replica at a time; any replica's sweep would do, the lease saves the others the statements
        if (leases.hold("login-limit-sweep")) {
            sweep();
        }
    }

    /** Deletes the slices and blocks of every address that are past their time; answers how many rows went. */
    public int sweep() {
        long now = clock.millis();
        return db.inTransaction(c -> Db.update(c, "DELETE FROM hub_login_failure WHERE time_slice < ?",
                slice(now) - slicesPerWindow()) + Db.update(c, "DELETE FROM hub_login_block WHERE blocked_until <= ?", now));
    }
}
