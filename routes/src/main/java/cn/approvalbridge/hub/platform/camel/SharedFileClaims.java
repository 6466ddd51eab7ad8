package cn.approvalbridge.hub.platform.camel;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.spi.IdempotentRepository;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.approvalbridge.hub.platform.store.Leases;
import cn.approvalbridge.support.Db;

/**
 * The shared memory of a file poller ({@code idempotent=true&idempotentRepository=#hubFileClaims}): replicas polling
 * the same remote directory each take a file only if they claim it first, one row in hub_file_claim per file key. Camel
 * adds (claims) a file as it lists it, confirms it once the file's route completed and moved it, removes the claim
 * when the route failed (the file may be taken again). A claim not confirmed within hub.cluster.file-claim-ttl — its
 * replica died while reading — may be taken over by another replica, which reads the file again: its rows go to a
 * queue whose consumer records each report once (a repeat answers SAME), so nothing is lost and nothing happens twice.
 * <p>
 * Real time, like the leases: the sandbox clock's shift must not expire claims.
 */
@Singleton
@Named("hubFileClaims")
public class SharedFileClaims implements IdempotentRepository {

    private static final Clock REAL_TIME = Clock.systemUTC();

    @Inject
    Db db;

    @Inject
    Leases leases;

    @ConfigProperty(name = "hub.cluster.file-claim-ttl")
    Duration ttl;

    @Override
    public boolean add(String key) {
        OffsetDateTime now = now();
        String owner = leases.owner();
        try {
            if (db.inTransaction(c -> Db.update(c, "UPDATE hub_file_claim SET owner = ?, expires_at = ? WHERE file_key = ? "
                    + "AND confirmed_at IS NULL AND expires_at < ?", owner, now.plus(ttl), key, now)) == 1) {
                return true;
            }
            return db.inTransaction(c -> Db.list(c, "SELECT 1 FROM hub_file_claim WHERE file_key = ?", rs -> 1, key)
                    .isEmpty() && Db.update(c, "INSERT INTO hub_file_claim (file_key, owner, expires_at) VALUES (?, ?, ?)",
                            key, owner, now.plus(ttl)) == 1);
        } catch (Db.StoreException e) {
            if (Db.isDuplicateKey(e)) {
                return false; // another replica claimed it first
            }
            throw e;
        }
    }

    @Override
    public boolean contains(String key) {
        OffsetDateTime now = now();
        return !db.read(c -> Db.list(c, "SELECT 1 FROM hub_file_claim WHERE file_key = ? AND (confirmed_at IS NOT NULL "
                + "OR expires_at >= ?)", rs -> 1, key, now)).isEmpty();
    }

    @Override
    public boolean remove(String key) {
        return db.inTransaction(c -> Db.update(c, "DELETE FROM hub_file_claim WHERE file_key = ? AND owner = ? "
                + "AND confirmed_at IS NULL", key, leases.owner())) == 1;
    }

    @Override
    public boolean confirm(String key) {
        OffsetDateTime now = now();
        return db.inTransaction(c -> Db.update(c, "UPDATE hub_file_claim SET confirmed_at = ? WHERE file_key = ? "
                + "AND owner = ?", now, key, leases.owner())) == 1;
    }

    /** Not used by the file consumers; forgets nothing (another replica's claims are not this one's to drop). */
    @Override
    public void clear() {
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(REAL_TIME.withZone(ZoneOffset.UTC));
    }
}
