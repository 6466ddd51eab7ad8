package cn.approvalbridge.hub.partners.projectapproval;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.utility.ItemProcessingStagingHook;
import cn.approvalbridge.hub.utility.Utility;
import cn.approvalbridge.hub.utility.UtilityState;

/**
 * A utility connection's status change becomes item-processing rows under the item the operator configures for the
 * utility in the approval catalogue (hub.staging.items."UTILITY-&lt;UTILITY&gt;"): the request is the item's 接件 (BLZT 1),
 * acceptance 受理 (3; the processing row comes with the first of them), survey, plan and construction 办理 (8), connection 办结 通过 (11),
 * a refusal 不予受理 (5). The rows are announced through the outbox in the transaction that records the change (the
 * staging database is another database), and written once by their DFSJZJ.
 */
@ApplicationScoped
public class UtilityStagingHook implements ItemProcessingStagingHook {

    @Inject
    Outbox outbox;
    @Inject
    StagingRows rows;
    @Inject
    StagingCatalogue catalogue;

    @Override
    public void utilityStatusChanged(Connection c, String projectCode, String applicationId, Utility utility,
            UtilityState state, String reason, OffsetDateTime at) throws SQLException {
        StagingCatalogue.Item item = catalogue.known("UTILITY-" + utility.name(), utility.name());
        String by = "utility-" + utility.name();
        List<String> out = switch (state) {
            case REQUESTED -> rows.item(projectCode, 1, item, SpglCodes.RECEIVED, "1", by, reason, at);
            case ACCEPTED -> rows.item(projectCode, 1, item, SpglCodes.ACCEPTED, "3", by, reason, at);
            case CONNECTED -> List.of(rows.detail(projectCode, 1, item, SpglCodes.DONE_APPROVED, "11", by, reason, at));
            case REJECTED -> List.of(rows.detail(projectCode, 1, item, SpglCodes.NOT_ACCEPTED, "5", by, reason, at));
            default -> List.of(rows.detail(projectCode, 1, item, SpglCodes.PROCESSING, "8-" + state.name(), by, reason,
                    at));
        };
        for (String row : out) {
            outbox.add(c, Queues.STAGING, row);
        }
    }
}
