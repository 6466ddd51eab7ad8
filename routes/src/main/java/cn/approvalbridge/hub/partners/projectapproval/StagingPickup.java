package cn.approvalbridge.hub.partners.projectapproval;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.approval.ApprovalFlow;
import cn.approvalbridge.hub.approval.ApprovalItems;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemDecided;
import cn.approvalbridge.hub.approval.ApprovalResults;
import cn.approvalbridge.hub.platform.store.Leases;
import cn.approvalbridge.hub.platform.store.OutboxRelay;
import cn.approvalbridge.hub.platform.store.ProcessedMessages;
import cn.approvalbridge.support.Db;
import io.quarkus.scheduler.Scheduled;

/**
 * Picks up approvals decided in the project approval system, as it writes them: a processing-detail row with BLZT 11
 * (办结 通过), 12 (容缺通过) or 13 (不通过) under a DFSJZJ that is not the hub's, and for 11/12 its approval document
 * (SPGL_XMSPSXPFWJXXB, same GCDM and SPSXSLBM). The item is the SPGL_XMSPSXBLXXB row of that SPSXSLBM, the project the
 * SPGL_XMJBXXB row of that GCDM. Each decision is recorded in the hub (decision, trail, outbox: platform result,
 * dependants, RESULTS_READY) and remembered in the hub's store as taken (by its DFSJZJ), so it is taken once; the staging rows
 * are the project approval system's and are not written. A decision the hub cannot take yet (materials not accepted,
 * prerequisite pending, document not written yet) is tried again at the next pickup; one it can never take (unknown
 * project or item, a different decision already recorded, a decision on an earlier application of the item) is
 * remembered as refused and logged. Each pickup reads only past its watermark (PickupWatermark, in the store), less a
 * look-back, at most a batch, and the rows still waiting: not the whole table at every tick.
 * Across replicas the holder of the lease "staging-pickup" picks up; a decision taken twice at once is recorded once
 * all the same (ApprovalResults answers SAME under the project's row lock).
 */
@ApplicationScoped
public class StagingPickup {

    static final String CONSUMER = "staging-pickup";
    private static final Logger LOG = Logger.getLogger(StagingPickup.class);

    @Inject
    StagingDb staging;
    @Inject
    StagingConfig config;
    @Inject
    ApprovalResults results;
    @Inject
    OutboxRelay relay;
    @Inject
    ProcessedMessages processed;
    @Inject
    ObjectMapper json;
    @Inject
    PickupWatermark watermark;
    @Inject
    StagingRows rows;
    @Inject
    ApprovalFlow flow;

    private final Set<Long> taken = ConcurrentHashMap.newKeySet();
    @Inject
    Leases leases;

    record Row(long lsh, String dfsjzj, String gcdm, String spsxslbm, int blzt, String blyj, LocalDateTime blsj, String xmdm,
            String spsxbm) {
    }

    record Document(String pfwh, LocalDate pfrq) {
    }

    @Scheduled(every = "{hub.staging.pickup-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "3s")
    void scheduled() {
        if (leases.hold("staging-pickup")) {
            pickUp();
        }
    }

    public void pickUp() {
        long mark = mark();
        List<Long> waiting = watermark.waiting(CONSUMER);
        // past the watermark (less the look-back), at most a batch; and the rows that could not be taken yet
        List<Row> rows = new ArrayList<>(decisions("d.LSH > ?", config.pickupLookback() + config.pickupBatch(),
                mark - config.pickupLookback()));
        List<Long> old = waiting.stream().filter(l -> l <= mark - config.pickupLookback()).toList();
        if (!old.isEmpty()) {
            rows.addAll(decisions("d.LSH IN (" + String.join(", ", old.stream().map(x -> "?").toList()) + ")",
                    old.size(), old.toArray()));
        }
        long highest = mark;
        for (Row r : rows) {
            highest = Math.max(highest, r.lsh());
            if (taken.contains(r.lsh()) || processed.isProcessed(CONSUMER, key(r))) {
                remember(r.lsh());
                if (waiting.contains(r.lsh())) {
                    watermark.settled(CONSUMER, r.lsh());
                }
                continue;
            }
            boolean settled;
            try {
                settled = take(r);
            } catch (Exception e) {
                LOG.warnf(e, "Staging decision %s (%s %s) not picked up yet", r.lsh(), r.xmdm(), r.spsxbm());
                settled = false;
            }
            if (settled) {
                remember(r.lsh());
                if (waiting.contains(r.lsh())) {
                    watermark.settled(CONSUMER, r.lsh());
                }
            } else if (!waiting.contains(r.lsh())) {
                watermark.waitFor(CONSUMER, r.lsh());
            }
        }
        // a waiting row that no longer reads as a decision (made invalid, changed) has nothing left to take
        for (Long l : old) {
            if (rows.stream().noneMatch(r -> r.lsh() == l)) {
                watermark.settled(CONSUMER, l);
            }
        }
        if (highest > mark) {
            watermark.advance(CONSUMER, highest);
        }
    }

    private long mark() {
        long mark = watermark.get(CONSUMER);
        if (mark > 0 && staging.read(c -> Db.value(c, "SELECT COALESCE(MAX(LSH), 0) FROM SPGL_XMSPSXBLXXXXB",
                rs -> rs.getLong(1))) < mark) {
            // fewer serials than the watermark: the table was recreated (a new staging database); read it from the start
            LOG.warnf("The staging table SPGL_XMSPSXBLXXXXB is behind the pickup's watermark %d: reading it again", mark);
            watermark.reset(CONSUMER);
            taken.clear();
            return 0;
        }
        return mark;
    }

    private List<Row> decisions(String where, int atMost, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = config.keyPrefix() + "%";
        System.arraycopy(args, 0, all, 1, args.length);
        return staging.read(c -> Db.listAtMost(c, atMost, "SELECT d.LSH, d.DFSJZJ, d.GCDM, d.SPSXSLBM, d.BLZT, d.BLYJ, "
                + "d.BLSJ, p.XMDM, i.SPSXBM FROM SPGL_XMSPSXBLXXXXB d "
                + "JOIN SPGL_XMSPSXBLXXB i ON i.GCDM = d.GCDM AND i.SPSXSLBM = d.SPSXSLBM AND i.SJYXBS = 1 "
                + "JOIN SPGL_XMJBXXB p ON p.GCDM = d.GCDM AND p.SJYXBS = 1 "
                + "WHERE d.BLZT IN (11, 12, 13) AND d.SJYXBS = 1 AND d.DFSJZJ NOT LIKE ? AND " + where + " ORDER BY d.LSH",
                rs -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getObject(7, LocalDateTime.class), rs.getString(8), rs.getString(9)), all));
    }

    /** Rows known taken, so that the look-back does not ask the store about them at every tick (a hint only). */
    private void remember(long lsh) {
        if (taken.size() > 10_000) {
            taken.clear();
        }
        taken.add(lsh);
    }

    private static String key(Row r) {
        return "SPGL_XMSPSXBLXXXXB:" + r.dfsjzj();
    }

    /** True when the row is settled (taken, or refused for good); false when it is to be tried again. */
    private boolean take(Row r) throws Exception {
        // a decision on an earlier application of the item (withdrawn or refused since) decides nothing now
        var current = flow.items(r.xmdm()).stream().filter(i -> i.itemCode().equals(r.spsxbm())).findFirst();
        if (current.isPresent() && (ApprovalItems.Item.WITHDRAWN.equals(current.get().status())
                || !rows.spsxslbm(r.xmdm(), r.spsxbm(), current.get().application()).equals(r.spsxslbm()))) {
            LOG.warnf("Staging decision %s (%s %s) refused: application %s was withdrawn or is not the current one",
                    r.lsh(), r.xmdm(), r.spsxbm(), r.spsxslbm());
            processed.markProcessed(CONSUMER, key(r));
            return true;
        }
        boolean approved = r.blzt() != SpglCodes.DONE_DISAPPROVED;
        Optional<Document> doc = staging.read(c -> Db.one(c, "SELECT PFWH, PFRQ FROM SPGL_XMSPSXPFWJXXB WHERE GCDM = ? "
                + "AND SPSXSLBM = ? AND SJYXBS = 1 ORDER BY LSH DESC", rs -> new Document(rs.getString(1),
                        Db.date(rs, "PFRQ")), r.gcdm(), r.spsxslbm()));
        if (approved && doc.isEmpty()) {
            return false; // the document row follows the state row: next time
        }
        String decision = approved ? "APPROVED" : "DISAPPROVED";
        String number = doc.map(Document::pfwh).orElse(null);
        LocalDate date = doc.map(Document::pfrq).orElse(r.blsj().toLocalDate());
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("stagingRow", key(r));
        canonical.put("projectCode", r.xmdm());
        canonical.put("itemCode", r.spsxbm());
        canonical.put("decision", decision);
        canonical.put("documentNumber", number);
        canonical.put("documentDate", date.toString());
        canonical.put("opinion", r.blyj());
        ApprovalFlow.Result result = results.decide(r.xmdm(), null, r.spsxbm(), decision, number, date, r.blyj(),
                ItemDecided.PROJECT_APPROVAL_SYSTEM, json.writeValueAsString(canonical));
        boolean settled = true;
        switch (result.outcome()) {
            case WRONG_STATE, PREREQUISITE_PENDING -> {
                LOG.debugf("Staging decision %s waits: %s", r.lsh(), result.message());
                settled = false;
            }
            case CREATED, SAME -> processed.markProcessed(CONSUMER, key(r));
            default -> {
                LOG.warnf("Staging decision %s (%s %s) refused: %s", r.lsh(), r.xmdm(), r.spsxbm(), result.message());
                processed.markProcessed(CONSUMER, key(r));
            }
        }
        result.messages().forEach(relay::relay);
        return settled;
    }
}
