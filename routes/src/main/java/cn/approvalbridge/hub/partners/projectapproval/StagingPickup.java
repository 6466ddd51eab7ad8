package cn.approvalbridge.hub.partners.projectapproval;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.approval.ApprovalFlow;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemDecided;
import cn.approvalbridge.hub.approval.ApprovalResults;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.hub.platform.store.OutboxRelay;
import cn.approvalbridge.support.ChinaTime;
import io.quarkus.scheduler.Scheduled;

/**
 * Picks up approvals decided in the project approval system: SPGL_XMSPSXPFWJXXB rows with SJLY=GGXT and HUB_QZZT=0.
 * Each is recorded in the hub (decision, trail, outbox: platform result, dependants, RESULTS_READY) and then marked
 * taken (HUB_QZZT=1). The two databases do not share a transaction, so "once" rests on the hub side: a decision already
 * recorded answers SAME, and a row re-read after a crash between the two commits is only marked taken. A row the hub
 * cannot take yet (materials not accepted, prerequisite pending) stays 0 with HUB_QZYY saying why; one it can never take
 * (unknown project or item, a different decision already recorded) becomes 2.
 */
@ApplicationScoped
public class StagingPickup {

    private static final Logger LOG = Logger.getLogger(StagingPickup.class);

    @Inject
    StagingDb staging;
    @Inject
    ApprovalResults results;
    @Inject
    OutboxRelay relay;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;

    record Row(String id, String xmdm, String spsxbm, String spjg, String pfwh, LocalDate pfrq, String blyj) {
    }

    @Scheduled(every = "{hub.staging.pickup-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "3s")
    public void pickUp() {
        List<Row> rows = staging.read(c -> Db.list(c, "SELECT ID, XMDM, SPSXBM, SPJG, PFWH, PFRQ, BLYJ FROM "
                + "SPGL_XMSPSXPFWJXXB WHERE SJLY = 'GGXT' AND HUB_QZZT = 0 ORDER BY CJSJ", rs -> new Row(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), Db.date(rs, "PFRQ"),
                        rs.getString(7))));
        for (Row r : rows.stream().limit(200).toList()) {
            try {
                take(r);
            } catch (Exception e) {
                LOG.warnf(e, "Staging row %s (%s %s) not picked up yet", r.id(), r.xmdm(), r.spsxbm());
            }
        }
    }

    private void take(Row r) throws Exception {
        String decision = "准予许可".equals(r.spjg()) ? "APPROVED" : "DISAPPROVED";
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("stagingRowId", r.id());
        canonical.put("projectCode", r.xmdm());
        canonical.put("itemCode", r.spsxbm());
        canonical.put("decision", decision);
        canonical.put("documentNumber", r.pfwh());
        canonical.put("documentDate", r.pfrq().toString());
        canonical.put("opinion", r.blyj());
        ApprovalFlow.Result result = results.decide(r.xmdm(), null, r.spsxbm(), decision, r.pfwh(), r.pfrq(), r.blyj(),
                ItemDecided.PROJECT_APPROVAL_SYSTEM, json.writeValueAsString(canonical));
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ChinaTime.ZONE));
        int state = switch (result.outcome()) {
            case CREATED, SAME -> 1;
            case WRONG_STATE, PREREQUISITE_PENDING -> 0;
            default -> 2;
        };
        staging.inTransaction(c -> Db.update(c, "UPDATE SPGL_XMSPSXPFWJXXB SET HUB_QZZT = ?, HUB_QZYY = ?, HUB_QZSJ = ? "
                + "WHERE ID = ? AND HUB_QZZT = 0", state, result.message(), state == 1 ? now : null, r.id()));
        result.messages().forEach(relay::relay);
    }
}
