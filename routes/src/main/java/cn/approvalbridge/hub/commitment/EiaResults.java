package cn.approvalbridge.hub.commitment;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import cn.approvalbridge.hub.platform.store.Leases;
import cn.approvalbridge.hub.approval.ApprovalFlow;
import cn.approvalbridge.hub.approval.ApprovalItems;
import cn.approvalbridge.hub.approval.ApprovalResults;
import cn.approvalbridge.hub.commitment.Outcome.Kind;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.store.OutboxRelay;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.Db;
import io.quarkus.scheduler.Scheduled;

/**
 * EIA results (环评) flowing back from the Ministry's EIA system: matched by project code to the project's item that
 * the catalogue names as its EIA approval ({@code hub.eia.items}), and recorded as that item's decision like any other
 * (prerequisites forwarded, staging rows, investment platform). Each result is taken once (by resultId). One that
 * arrives before the project has reached the item (not coded or listed yet, materials not accepted, a prerequisite
 * pending) is HELD and applied when it has, every {@code hub.eia.retry-interval}; one that never can (the item decided
 * otherwise, no EIA item on a complete list) is REJECTED with its reason.
 */
@ApplicationScoped
public class EiaResults {

    private static final Logger LOG = Logger.getLogger(EiaResults.class);
    public static final String SOURCE = "eia";

    /** A result as the EIA system's folder (partners.eia) hands it over. */
    public record EiaResult(String resultId, String projectCode, String decision, String documentNumber,
            LocalDate documentDate, String opinion) {
    }

    @Inject
    Leases leases;

    @Inject
    Db db;
    @Inject
    Trail trail;
    @Inject
    Deadlines deadlines;
    @Inject
    ApprovalResults results;
    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "hub.eia.items")
    List<String> eiaItems;

    /** Stores the result (once) and applies it if the project is there; CREATED also when held. */
    public Outcome receive(EiaResult r, String canonical) {
        String sha = Trail.sha256(canonical);
        Optional<String> before = db.read(c -> Db.one(c, "SELECT body_sha256 FROM hub_eia_result WHERE result_id = ?",
                rs -> rs.getString(1), r.resultId()));
        if (before.isPresent()) {
            return Outcome.of(before.get().equals(sha) ? Kind.SAME : Kind.CONFLICT,
                    "EIA result " + r.resultId() + " was received already with other content");
        }
        boolean inserted = db.inTransaction(c -> {
            try {
                Db.update(c, "INSERT INTO hub_eia_result (result_id, project_code, body_sha256, decision, document_number, "
                        + "document_date, opinion, canonical, status, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'HELD', ?)",
                        r.resultId(), r.projectCode(), sha, r.decision(), r.documentNumber(), r.documentDate(),
                        r.opinion(), canonical, deadlines.now().toOffsetDateTime());
            } catch (java.sql.SQLException e) {
                if (Db.isDuplicateKey(e)) {
                    return false;
                }
                throw e;
            }
            return true;
        });
        if (!inserted) {
            return Outcome.of(Kind.SAME, null);
        }
        apply(r.resultId());
        return Outcome.created(List.of());
    }

    /** The result's state: HELD, APPLIED or REJECTED. */
    public Optional<String> status(String resultId) {
        return db.read(c -> Db.one(c, "SELECT status FROM hub_eia_result WHERE result_id = ?", rs -> rs.getString(1),
                resultId));
    }

    @Scheduled(every = "{hub.eia.retry-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "5s")
    void scheduled() {
        // one replica at a time (each step is claimed in the store as well)
        if (leases.hold("eia-results")) {
            applyHeld();
        }
    }

    /** Tries every held result again; returns how many were applied. */
    public int applyHeld() {
        int applied = 0;
        for (String id : db.read(c -> Db.list(c, "SELECT result_id FROM hub_eia_result WHERE status = 'HELD' "
                + "ORDER BY received_at", rs -> rs.getString(1)))) {
            try {
                applied += apply(id) ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.warnf(e, "EIA result %s could not be applied; tried again later", id);
            }
        }
        return applied;
    }

    private boolean apply(String resultId) {
        var held = db.read(c -> Db.one(c, "SELECT project_code, decision, document_number, document_date, opinion, "
                + "canonical FROM hub_eia_result WHERE result_id = ? AND status = 'HELD'", rs -> new Object[] {
                        rs.getString(1), rs.getString(2), rs.getString(3), Db.date(rs, "document_date"), rs.getString(5),
                        rs.getString(6) }, resultId));
        if (held.isEmpty()) {
            return false;
        }
        Object[] h = held.get();
        String code = (String) h[0];
        Optional<String> item = db.read(c -> ApprovalItems.items(c, code).stream().map(ApprovalItems.Item::itemCode)
                .filter(eiaItems::contains).findFirst());
        if (item.isEmpty()) {
            boolean complete = db.read(c -> {
                var lists = ApprovalItems.lists(c, code);
                return !lists.isEmpty() && lists.stream().noneMatch(l -> "PENDING".equals(l.status()));
            });
            if (complete) {
                mark(resultId, "REJECTED", null, "project " + code + " lists no EIA item (" + eiaItems + ")");
            }
            return false;
        }
        ApprovalFlow.Result r = results.decide(code, null, item.get(), (String) h[1], (String) h[2], (LocalDate) h[3],
                (String) h[4], SOURCE, (String) h[5]);
        switch (r.outcome()) {
            case CREATED, SAME -> {
                r.messages().forEach(relay::relay);
                mark(resultId, "APPLIED", item.get(), null);
                return true;
            }
            case CONFLICT -> {
                LOG.warnf("EIA result %s for %s/%s rejected: %s", resultId, code, item.get(), r.message());
                mark(resultId, "REJECTED", item.get(), r.message());
                return false;
            }
            default -> {
                return false; // not reached yet: held
            }
        }
    }

    private void mark(String resultId, String status, String itemCode, String reason) {
        db.inTransaction(c -> {
            int n = Db.update(c, "UPDATE hub_eia_result SET status = ?, item_code = ?, reason = ?, applied_at = ? "
                    + "WHERE result_id = ? AND status = 'HELD'", status, itemCode, reason,
                    deadlines.now().toOffsetDateTime(), resultId);
            if (n == 1 && "REJECTED".equals(status)) {
                String code = Db.value(c, "SELECT project_code FROM hub_eia_result WHERE result_id = ?",
                        rs -> rs.getString(1), resultId);
                Optional<String> decl = Db.one(c, "SELECT declaration_id FROM hub_declaration WHERE project_code = ?",
                        rs -> rs.getString(1), code);
                if (decl.isPresent()) {
                    Declarations.lock(c, decl.get());
                    trail.append(c, decl.get(), "IN", SOURCE, "EIA_RESULT_REJECTED",
                            "{\"resultId\":\"" + resultId + "\",\"reason\":\"" + reason.replace("\"", "'") + "\"}");
                }
            }
            return null;
        });
    }
}
