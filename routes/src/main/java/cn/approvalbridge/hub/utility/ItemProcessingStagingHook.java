package cn.approvalbridge.hub.utility;

import java.sql.Connection;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/**
 * HOOK FOR ISSUE 5 (not built yet): every utility status change should also become an item-processing row
 * (SPGL_XMSPSXBLXXXXB: XMDM project code, SPSXBM item code, BLZT processing state, BLSJ time) in the project approval
 * system's staging tables. It is called inside the transaction that records the change, so the row and the change commit
 * together. This default does nothing; issue 5 provides a bean of this type that writes the rows.
 */
public interface ItemProcessingStagingHook {

    void utilityStatusChanged(Connection c, String projectCode, String applicationId, Utility utility, UtilityState state,
            String reason, OffsetDateTime at) throws java.sql.SQLException;

    @ApplicationScoped
    @DefaultBean
    class NotYetBuilt implements ItemProcessingStagingHook {
        @Override
        public void utilityStatusChanged(Connection c, String projectCode, String applicationId, Utility utility,
                UtilityState state, String reason, OffsetDateTime at) {
            // issue 5: staging tables not built yet
        }
    }
}
