package cn.approvalbridge.hub.approval;

import jakarta.enterprise.context.ApplicationScoped;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;

/**
 * Steps 4-7 begin when a project is coded: its departments get item-list requests and its rows go to the staging
 * tables. Every later message of the flow is written to the outbox by the API call that causes it; the partners'
 * routes deliver them.
 */
@ApplicationScoped
public class ApprovalRoutes extends HubRouteBuilder {

    @Override
    protected void routes() {
        fanOut(consume(Queues.PROJECT_CODED, "approval-item-list-fanout", "intake", Queues.DLQ_INTAKE),
                method(ItemLists.class, "projectCoded"));
    }
}
