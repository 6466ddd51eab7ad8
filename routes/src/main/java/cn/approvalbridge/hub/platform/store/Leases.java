package cn.approvalbridge.hub.platform.store;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import cn.approvalbridge.support.Db;

/**
 * Which replica does a scheduled job's work: the one holding the job's lease (hub_lease). A job asks {@link #hold} on
 * every tick; the holder's call renews the lease for hub.cluster.lease-ttl, anyone else's takes it only once it has
 * expired — so a replica killed with kill -9 hands its jobs over within the ttl, and one stopped cleanly at once (its
 * leases are given up on shutdown). One statement decides (a conditional UPDATE, or the first INSERT), on H2 as on
 * PostgreSQL, without a lock held between ticks. A hub on the embedded broker is alone by construction (no other
 * process can share an in-VM broker): it takes every lease at once, so a restart after kill -9 does not wait out the
 * leases of the process it replaces.
 * <p>
 * A lease makes the work happen on one replica, not the effects once: a holder stalled past its ttl (a long GC pause)
 * may overlap with the next. Every job's effects are therefore also claimed per row (the outbox rows, the deadline
 * raises, the processed staging decisions, the sandbox's pending work, the SFTP files), and the lease saves the others
 * the repeated work.
 * <p>
 * Lease times are real time, not the injected clock: the sandbox clock moves the hub's business time by days, which
 * must not expire every lease at once. Replicas' clocks are assumed in step to well within the ttl (NTP).
 */
@ApplicationScoped
public class Leases {

    private static final Logger LOG = Logger.getLogger(Leases.class);
    private static final Clock REAL_TIME = Clock.systemUTC();

    @Inject
    Db db;

    @ConfigProperty(name = "hub.cluster.lease-ttl")
    Duration ttl;

    @ConfigProperty(name = "hub.broker.kind", defaultValue = "artemis")
    String brokerKind;

    /** This process: host and pid for whoever reads hub_lease, and a random part so a restart is a new owner. */
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public String owner() {
        return owner;
    }

    /** Takes or renews the lease {@code name}; true while this replica holds it (then it does the job's work). */
    public boolean hold(String name) {
        if (stopping) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(REAL_TIME.withZone(ZoneOffset.UTC));
        OffsetDateTime until = now.plus(ttl);
        boolean mine;
        try {
            boolean alone = alone();
            mine = db.inTransaction(c -> Db.update(c, "UPDATE hub_lease SET owner = ?, expires_at = ? WHERE name = ? "
                    + "AND (owner = ? OR expires_at < ? OR ?)", owner, until, name, owner, now, alone) == 1);
            if (!mine) {
                mine = db.inTransaction(c -> Db.list(c, "SELECT 1 FROM hub_lease WHERE name = ?", rs -> 1, name).isEmpty()
                        && Db.update(c, "INSERT INTO hub_lease (name, owner, expires_at) VALUES (?, ?, ?)", name, owner,
                                until) == 1);
            }
        } catch (Db.StoreException e) {
            if (!Db.isDuplicateKey(e)) {
                // the store is down: nobody can do the job's work now; a renewed lease stays valid until its ttl
                LOG.debugf(e, "Lease %s not renewed (store unavailable)", name);
                return false;
            }
            mine = false; // another replica inserted it first
        }
        if (mine ? held.add(name) : held.remove(name)) {
            LOG.infof("Lease %s %s by this replica (%s)", name, mine ? "taken" : "lost", owner);
        }
        return mine;
    }

    private boolean alone() {
        return "embedded".equals(brokerKind);
    }

    /** The leases this replica held at its last tick (for the log and the tests). */
    public Set<String> held() {
        return Set.copyOf(held);
    }

    /** A clean stop hands the leases over at once instead of after their ttl. */
    @PreDestroy
    void release() {
        stopping = true;
        if (alone()) {
            return; // nobody to hand over to; the next process takes them at once
        }
        try {
            db.inTransaction(c -> Db.update(c, "DELETE FROM hub_lease WHERE owner = ?", owner));
        } catch (RuntimeException e) {
            LOG.debugf(e, "Leases not released at shutdown; they expire after %s", ttl);
        }
    }
}
