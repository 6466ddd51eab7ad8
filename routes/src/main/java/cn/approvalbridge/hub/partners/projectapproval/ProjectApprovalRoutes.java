package cn.approvalbridge.hub.partners.projectapproval;

import jakarta.enterprise.context.ApplicationScoped;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;

/**
 * The project approval system (工改): what the flows announce on hub.staging becomes rows of its staging tables
 * (前置库), each written once per business key; a staging database that is down is retried with back-off, then the row
 * goes to hub.dlq.staging for replay.
 */
@ApplicationScoped
public class ProjectApprovalRoutes extends HubRouteBuilder {

    @Override
    protected void routes() {
        var staging = admit(consume(Queues.STAGING, "staging-write", "project-approval-system", Queues.DLQ_STAGING));
        staging.split(method(StagingRows.class, "rows"))
                    .bean(StagingWriter.class, "write")
                .end();
        delivered(staging);
    }
}
