package cn.approvalbridge.hub.partners.projectapproval;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.approval.ApprovalFlow;
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
 * project or item, a different decision already recorded) is remembered as refused and logged. Across replicas the
 * holder of the lease "staging-pickup" picks up; a decision taken twice at once is recorded once all the same
 * (ApprovalResults answers SAME under the project's row lock).
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
        List<Row> rows = staging.read(c -> Db.list(c, "SELECT d.LSH, d.DFSJZJ, d.GCDM, d.SPSXSLBM, d.BLZT, d.BLYJ, "
                + "d.BLSJ, p.XMDM, i.SPSXBM FROM SPGL_XMSPSXBLXXXXB d "
                + "JOIN SPGL_XMSPSXBLXXB i ON i.GCDM = d.GCDM AND i.SPSXSLBM = d.SPSXSLBM AND i.SJYXBS = 1 "
                + "JOIN SPGL_XMJBXXB p ON p.GCDM = d.GCDM AND p.SJYXBS = 1 "
                + "WHERE d.BLZT IN (11, 12, 13) AND d.SJYXBS = 1 AND d.DFSJZJ NOT LIKE ? ORDER BY d.LSH",
                rs -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getObject(7, LocalDateTime.class), rs.getString(8), rs.getString(9)),
                config.keyPrefix() + "%"));
        for (Row r : rows) {
            if (processed.isProcessed(CONSUMER, key(r))) {
                continue;
            }
            try {
                take(r);
            } catch (Exception e) {
                LOG.warnf(e, "Staging decision %s (%s %s) not picked up yet", r.lsh(), r.xmdm(), r.spsxbm());
            }
        }
    }

    private static String key(Row r) {
        return "SPGL_XMSPSXBLXXXXB:" + r.dfsjzj();
    }

    private void take(Row r) throws Exception {
        boolean approved = r.blzt() != SpglCodes.DONE_DISAPPROVED;
        Optional<Document> doc = staging.read(c -> Db.one(c, "SELECT PFWH, PFRQ FROM SPGL_XMSPSXPFWJXXB WHERE GCDM = ? "
                + "AND SPSXSLBM = ? AND SJYXBS = 1 ORDER BY LSH DESC", rs -> new Document(rs.getString(1),
                        Db.date(rs, "PFRQ")), r.gcdm(), r.spsxslbm()));
        if (approved && doc.isEmpty()) {
            return; // the document row follows the state row: next time
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
        switch (result.outcome()) {
            case WRONG_STATE, PREREQUISITE_PENDING -> LOG.debugf("Staging decision %s waits: %s", r.lsh(),
                    result.message());
            case CREATED, SAME -> processed.markProcessed(CONSUMER, key(r));
            default -> {
                LOG.warnf("Staging decision %s (%s %s) refused: %s", r.lsh(), r.xmdm(), r.spsxbm(), result.message());
                processed.markProcessed(CONSUMER, key(r));
            }
        }
        result.messages().forEach(relay::relay);
    }
}
