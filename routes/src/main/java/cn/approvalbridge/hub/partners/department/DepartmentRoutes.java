package cn.approvalbridge.hub.partners.department;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;
import cn.approvalbridge.hub.platform.directory.Departments;

/**
 * Review departments: pre-review requests to hub.departments.&lt;code&gt;.url, and the messages of steps 4-7
 * (item-list requests, materials, prerequisite results) to .approval-url; the sandbox department when none is set. The
 * flows' shared queues are moved at once onto a queue per department (hub.department.requests.FGW, ...), with its own
 * consumers and circuit breaker (partner department-&lt;code&gt;): a department that is down waits on the broker without
 * delaying another. The department answers later through the inbound API; each message it took is in the trail once.
 */
@ApplicationScoped
public class DepartmentRoutes extends HubRouteBuilder {

    @Inject
    Departments departments;

    @Override
    protected void routes() {
        dispatch(Queues.DEPARTMENT_REQUESTS, "department-dispatch-requests", Queues.DLQ_DEPARTMENT, "departmentCode",
                departments.codes());
        dispatch(Queues.DEPARTMENT_APPROVAL, "department-dispatch-approval", Queues.DLQ_DEPARTMENT, "departmentCode",
                departments.codes());
        for (String code : departments.codes()) {
            String partner = "department-" + code;
            postToPartner(consume(Queues.of(Queues.DEPARTMENT_REQUESTS, code), "department-pre-review-request-" + code,
                    partner, Queues.DLQ_DEPARTMENT, "{{hub.partners.consumers}}")
                    .setBody(method(PreReviewRequests.class, "request"))
                    .filter(header(HubHeaders.ALREADY_DONE).isEqualTo(false)), partner, JSON)
                    .bean(PreReviewRequests.class, "sent")
                    .end();

            postToPartner(consume(Queues.of(Queues.DEPARTMENT_APPROVAL, code), "department-approval-message-" + code,
                    partner, Queues.DLQ_DEPARTMENT, "{{hub.partners.consumers}}")
                    .setBody(method(ApprovalMessages.class, "toDepartment")), partner, JSON)
                    .bean(ApprovalMessages.class, "sent");
        }
    }
}
