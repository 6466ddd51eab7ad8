package cn.approvalbridge.hub.platform.store;

import cn.approvalbridge.support.Db;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.support.ChinaTime;

/**
 * The trail (全程留痕): every message in and out of a declaration, append-only and hash-chained. Each entry carries the
 * SHA-256 of its payload and of the previous entry; the entry's own digest covers both and its metadata. Payloads live in
 * a table of their own, so retention can purge personal data without touching the chain: verification then checks the
 * chain and every payload still present.
 */
@ApplicationScoped
public class Trail {

    public static final String GENESIS = "0".repeat(64);

    public record Entry(String entryId, String declarationId, int seq, OffsetDateTime recordedAt, String direction,
            String partner, String kind, String payloadSha256, String prevSha256, String entrySha256, String payload,
            OffsetDateTime purgedAt) {
    }

    @Inject
    Clock clock;

    @Inject
    Db db;

    @Inject
    ProcessedMessages processed;

    /**
     * Appends inside the caller's transaction. The caller must hold the declaration row lock (SELECT ... FOR UPDATE) or
     * be creating the declaration, so two appends to one chain never race.
     */
    public void append(Connection c, String declarationId, String direction, String partner, String kind, String payload)
            throws SQLException {
        var last = Db.one(c, "SELECT seq, entry_sha256 FROM hub_trail_entry WHERE declaration_id = ? ORDER BY seq DESC "
                + "FETCH FIRST 1 ROWS ONLY",
                rs -> new Object[] { rs.getInt(1), rs.getString(2) }, declarationId);
        int seq = last.map(r -> (Integer) r[0] + 1).orElse(1);
        String prev = last.map(r -> (String) r[1]).orElse(GENESIS);
        OffsetDateTime at = OffsetDateTime.now(clock.withZone(ChinaTime.ZONE)).truncatedTo(ChronoUnit.MILLIS);
        String payloadSha = sha256(payload);
        String entrySha = entryDigest(prev, declarationId, seq, at, direction, partner, kind, payloadSha);
        String id = UUID.randomUUID().toString();
        Db.update(c, "INSERT INTO hub_trail_entry (entry_id, declaration_id, seq, recorded_at, direction, partner, kind, "
                + "payload_sha256, prev_sha256, entry_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, declarationId,
                seq, at, direction, partner, kind, payloadSha, prev, entrySha);
        Db.update(c, "INSERT INTO hub_trail_payload (entry_id, payload) VALUES (?, ?)", id, payload);
    }

    /** Appends in a transaction of its own that locks the declaration row. */
    public void appendLocked(String declarationId, String direction, String partner, String kind, String payload) {
        db.inTransaction(c -> {
            lock(c, declarationId);
            append(c, declarationId, direction, partner, kind, payload);
            return null;
        });
    }

    /** Inside the caller's transaction: the declaration's row lock, which orders the appends to its chain. */
    public static void lock(Connection c, String declarationId) throws SQLException {
        Db.one(c, "SELECT declaration_id FROM hub_declaration WHERE declaration_id = ? FOR UPDATE", rs -> 1, declarationId);
    }

    /**
     * Records a message a partner has taken (direction OUT) in the trail of the project's declaration, once per
     * {@code onceKey} however often the message is redelivered or replayed: the key is claimed under the declaration's
     * row lock, in the transaction that appends the entry. A project the hub did not declare has no trail: false.
     */
    public boolean appendOnceForProject(String projectCode, String partner, String kind, String onceKey, String payload) {
        return db.inTransaction(c -> {
            var id = Db.one(c, "SELECT declaration_id FROM hub_declaration WHERE project_code = ? FOR UPDATE",
                    rs -> rs.getString(1), projectCode);
            if (id.isEmpty() || !processed.markProcessed(c, "trail", onceKey)) {
                return false;
            }
            append(c, id.get(), "OUT", partner, kind, payload);
            return true;
        });
    }

    public List<Entry> entries(String declarationId) {
        return db.read(c -> Db.list(c, "SELECT e.entry_id, e.declaration_id, e.seq, e.recorded_at, e.direction, e.partner, "
                + "e.kind, e.payload_sha256, e.prev_sha256, e.entry_sha256, p.payload, p.purged_at FROM hub_trail_entry e "
                + "LEFT JOIN hub_trail_payload p ON p.entry_id = e.entry_id WHERE e.declaration_id = ? ORDER BY e.seq",
                rs -> new Entry(rs.getString(1), rs.getString(2), rs.getInt(3), Db.time(rs, "recorded_at"), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), Db.time(rs, "purged_at")),
                declarationId));
    }

    /** Whether the whole chain holds: digests recomputed, links unbroken, every unpurged payload matching its digest. */
    public boolean verify(List<Entry> entries) {
        String prev = GENESIS;
        int seq = 1;
        for (Entry e : entries) {
            if (e.seq() != seq++ || !e.prevSha256().equals(prev)) {
                return false;
            }
            String expected = entryDigest(e.prevSha256(), e.declarationId(), e.seq(), e.recordedAt(), e.direction(),
                    e.partner(), e.kind(), e.payloadSha256());
            if (!expected.equals(e.entrySha256())) {
                return false;
            }
            if (e.purgedAt() == null && (e.payload() == null || !sha256(e.payload()).equals(e.payloadSha256()))) {
                return false;
            }
            prev = e.entrySha256();
        }
        return true;
    }

    /** Retention: drops the payloads (personal data) of a declaration's trail; the chain and its digests stay. */
    public int purgePayloads(String declarationId) {
        return db.inTransaction(c -> Db.update(c, "UPDATE hub_trail_payload SET payload = NULL, purged_at = ? "
                + "WHERE purged_at IS NULL AND entry_id IN (SELECT entry_id FROM hub_trail_entry WHERE declaration_id = ?)",
                OffsetDateTime.now(clock.withZone(ChinaTime.ZONE)), declarationId));
    }

    static String entryDigest(String prev, String declarationId, int seq, OffsetDateTime at, String direction,
            String partner, String kind, String payloadSha) {
        return sha256(String.join("|", prev, declarationId, Integer.toString(seq),
                Long.toString(at.toInstant().toEpochMilli()), direction, partner, kind, payloadSha));
    }

    public static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
