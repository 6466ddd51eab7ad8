package cn.approvalbridge.hub.partners.projectapproval;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.utility.ItemProcessingStagingHook;
import cn.approvalbridge.hub.utility.Utility;
import cn.approvalbridge.hub.utility.UtilityState;

/**
 * A utility connection's status change becomes a processing-detail row (SPGL_XMSPSXBLXXXXB, item code
 * UTILITY-&lt;UTILITY&gt;). The row is announced through the outbox in the transaction that records the change (the
 * staging database is another database), and written once by its business key.
 */
@ApplicationScoped
public class UtilityStagingHook implements ItemProcessingStagingHook {

    @Inject
    Outbox outbox;

    @Inject
    StagingRows rows;

    @Override
    public void utilityStatusChanged(Connection c, String projectCode, String applicationId, Utility utility,
            UtilityState state, String reason, OffsetDateTime at) throws SQLException {
        String item = "UTILITY-" + utility.name();
        outbox.add(c, Queues.STAGING, rows.detail(projectCode, item, utility.name(), applicationId + ":" + state.name(),
                state.name(), reason, at.toString()));
    }
}
