package cn.approvalbridge.hub.partners.functions;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;
import jakarta.enterprise.context.ApplicationScoped;

/** The code-assignment function: a project that passed pre-review gets its code, then goes to the investment platform. */
@ApplicationScoped
public class CodeAssignmentRoutes extends HubRouteBuilder {

    @Override
    protected void routes() {
        delivered(admit(consume(Queues.CODE_ASSIGNMENT, "code-assignment", "code-assignment", Queues.DLQ_CODE_ASSIGNMENT))
                .setBody(method(CodeAssignment.class, "assignCode")))
                .removeHeaders("*")
                .to(Queues.jms(Queues.INVESTMENT_PLATFORM))
                // and on to steps 4-7, in the same local JMS transaction as the send above: both or neither
                .to(Queues.jms(Queues.PROJECT_CODED));
    }
}
