package cn.approvalbridge.hub.partners.projectapproval;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.utility.ItemProcessingStagingHook;
import cn.approvalbridge.hub.utility.Utility;
import cn.approvalbridge.hub.utility.UtilityState;

/**
 * Issue 6's hook, built: a utility connection's status change becomes a processing-detail row (SPGL_XMSPSXBLXXXXB,
 * item code UTILITY-&lt;UTILITY&gt;). The row is announced through the outbox in the transaction that records the
 * change (the staging database is another database), and written once by its business key.
 */
@ApplicationScoped
public class UtilityStagingHook implements ItemProcessingStagingHook {

    @Inject
    Outbox outbox;

    @Inject
    StagingWriter staging;

    @Override
    public void utilityStatusChanged(Connection c, String projectCode, String applicationId, Utility utility,
            UtilityState state, String reason, OffsetDateTime at) throws SQLException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("YWBS", projectCode + ":UTILITY-" + utility.name() + ":" + applicationId + ":" + state.name());
        d.put("XMDM", projectCode);
        d.put("SPSXBM", "UTILITY-" + utility.name());
        d.put("BLBM", utility.name());
        d.put("BLZT", state.name());
        d.put("BLYJ", reason);
        d.put("BLSJ", at.toString());
        outbox.add(c, Queues.STAGING, staging.row("SPGL_XMSPSXBLXXXXB", d));
    }
}
