package cn.approvalbridge.hub.partners.department;

import jakarta.enterprise.context.ApplicationScoped;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;

/**
 * Review departments: pre-review requests to hub.departments.&lt;code&gt;.url, and the messages of steps 4-7
 * (item-list requests, materials, prerequisite results) to .approval-url; the sandbox department when none is set. A
 * department that is down is retried with back-off, then the message goes to hub.dlq.department for replay. The
 * department answers later through the inbound API; each message it took is in the project's trail once.
 */
@ApplicationScoped
public class DepartmentRoutes extends HubRouteBuilder {

    @Override
    protected void routes() {
        postToPartner(consume(Queues.DEPARTMENT_REQUESTS, "department-pre-review-request", "department",
                Queues.DLQ_DEPARTMENT)
                .setBody(method(PreReviewRequests.class, "request"))
                .filter(header(HubHeaders.ALREADY_DONE).isEqualTo(false)), "department", JSON)
                .bean(PreReviewRequests.class, "sent")
                .end();

        postToPartner(consume(Queues.DEPARTMENT_APPROVAL, "department-approval-message", "department",
                Queues.DLQ_DEPARTMENT)
                .setBody(method(ApprovalMessages.class, "toDepartment")), "department", JSON)
                .bean(ApprovalMessages.class, "sent");
    }
}
