package cn.approvalbridge.hub.partners.projectapproval;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;

/**
 * The project approval system (工改): what the flows announce on hub.staging becomes rows of its staging tables
 * (前置库), each written once per business key; a staging database that is down is retried with back-off, then the row
 * goes to hub.dlq.staging for replay.
 */
@ApplicationScoped
public class ProjectApprovalRoutes extends HubRouteBuilder {

    @Inject
    StagingConfig config;

    @Override
    protected void routes() {
        // hub.staging.consumers (1): the rows reach the staging tables in the order the hub announced them, so that
        // an item's 受理, 办理 and 办结 rows have rising LSH, the order the project approval system reads them in
        var staging = admit(consume(Queues.STAGING, "staging-write", "project-approval-system", Queues.DLQ_STAGING,
                Integer.toString(config.consumers())));
        staging.split(method(StagingRows.class, "rows"))
                    .bean(StagingWriter.class, "write")
                .end();
        delivered(staging);
    }
}
