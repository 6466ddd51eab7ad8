package cn.approvalbridge.hub.prereview;

import jakarta.enterprise.context.ApplicationScoped;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;

/**
 * The window's side after intake: the fan-out of each declaration to its departments, and the aggregation of their
 * opinions (state in the database, so a restart loses nothing) into a decision.
 */
@ApplicationScoped
public class IntakeRoutes extends HubRouteBuilder {

    @Override
    protected void routes() {
        consume(Queues.DECLARATIONS, "pre-review-fanout", "intake", Queues.DLQ_INTAKE)
                .split(method(PreReviewSteps.class, "departmentRequests"))
                    .removeHeaders("*")
                    .to(Queues.jms(Queues.DEPARTMENT_REQUESTS))
                .end()
                // in the same JMS transaction: the flows after intake learn of the declaration exactly when its
                // departments do
                .removeHeaders("*")
                .to(Queues.jms(Queues.DECLARED));

        fanOut(consume(Queues.OPINIONS, "pre-review-aggregation", "intake", Queues.DLQ_INTAKE),
                method(PreReviewSteps.class, "aggregate"));
    }
}
