package cn.approvalbridge.hub.utility;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/**
 * A utility status change as the project approval system records it: an item-processing row of the project (item
 * UTILITY-&lt;UTILITY&gt;, the state, the reason, the time). Called inside the transaction that records the change, so
 * the row's announcement and the change commit together. The project approval system's adapter implements it; a hub
 * without that adapter records nothing there.
 */
public interface ItemProcessingStagingHook {

    void utilityStatusChanged(Connection c, String projectCode, String applicationId, Utility utility, UtilityState state,
            String reason, OffsetDateTime at) throws SQLException;

    @ApplicationScoped
    @DefaultBean
    class NoStaging implements ItemProcessingStagingHook {
        @Override
        public void utilityStatusChanged(Connection c, String projectCode, String applicationId, Utility utility,
                UtilityState state, String reason, OffsetDateTime at) {
            // no project approval system connected: nothing to announce
        }
    }
}
