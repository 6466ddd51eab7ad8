package cn.approvalbridge.hub.partners.supervision;

import jakarta.enterprise.context.ApplicationScoped;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;
import cn.approvalbridge.hub.supervision.SupervisionCases;

/**
 * The 13710 supervision system's queues: the cases and their updates from the chase, and the monthly department
 * ranking (hub.supervision.reports). One consumer on the cases, so a case's updates leave in the order they wait in.
 */
@ApplicationScoped
public class SupervisionSystemRoutes extends HubRouteBuilder {

    /** The monthly ranking of departments, one message per month, fixed by the ranking flow. */
    public static final String REPORTS = "hub.supervision.reports";
    public static final String DLQ = "hub.dlq.supervision";

    @Override
    protected void routes() {
        postToPartner(consume(SupervisionCases.QUEUE, "supervision-cases", SupervisionSystem.PARTNER, DLQ, "1")
                .setBody(method(SupervisionSystem.class, "toPartner"))
                .filter(header(HubHeaders.ALREADY_DONE).isEqualTo(false)), SupervisionSystem.PARTNER, JSON)
                .bean(SupervisionSystem.class, "delivered")
                .end();

        postToPartner(consume(REPORTS, "supervision-reports", SupervisionSystem.PARTNER, DLQ, "1")
                .setBody(method(SupervisionSystem.class, "toReport"))
                .filter(header(HubHeaders.ALREADY_DONE).isEqualTo(false)), SupervisionSystem.PARTNER, JSON)
                .bean(SupervisionSystem.class, "reportDelivered")
                .end();
    }
}
