package cn.approvalbridge.hub.prereview;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The window's side after intake: the fan-out of each declaration to its departments, and the aggregation of their
 * opinions (state in the database, so a restart loses nothing) into a decision.
 */
@ApplicationScoped
public class IntakeRoutes extends HubRouteBuilder {

    @Override
    public void configure() {
        deadLetters();

        consume(Queues.DECLARATIONS, "pre-review-fanout", "intake", Queues.DLQ_INTAKE)
                .split(method("flowSteps", "departmentRequests"))
                    .removeHeaders("*")
                    .to(Queues.jms(Queues.DEPARTMENT_REQUESTS))
                .end();

        consume(Queues.OPINIONS, "pre-review-aggregation", "intake", Queues.DLQ_INTAKE)
                .split(method("flowSteps", "aggregate"))
                    .setHeader("HubTarget", simple("${body[0]}"))
                    .setBody(simple("${body[1]}"))
                    .toD("jms:queue:${header.HubTarget}")
                .end();
    }
}
