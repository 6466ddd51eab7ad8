package cn.approvalbridge.hub.approval;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

/**
 * Steps 4-7 (issue 5): a coded project starts the item lists; messages to the departments (item-list requests,
 * materials, prerequisite results); rows for the project approval system's staging tables; results shared with the
 * investment platform. Every consumer is idempotent (department message ids, staging business keys, platform xmdm+spsxbm),
 * and each message a partner took is in the project's trail once (全程留痕).
 */
@ApplicationScoped
public class ApprovalRoutes extends HubRouteBuilder {

    @Override
    public void configure() {
        deadLetters();

        consume(Queues.PROJECT_CODED, "approval-item-list-fanout", "intake", Queues.DLQ_INTAKE)
                .split(method("approvalFlow", "projectCoded"))
                    .setHeader("HubTarget", simple("${body[0]}"))
                    .setBody(simple("${body[1]}"))
                    .removeHeaders("*", "HubTarget")
                    .toD("jms:queue:${header.HubTarget}")
                .end();

        consume(Queues.DEPARTMENT_APPROVAL, "department-approval-message", "department", Queues.DLQ_DEPARTMENT)
                .setBody(method("approvalFlow", "toDepartment"))
                .setProperty("hubSentRequest", body())
                .removeHeaders("JMS*")
                .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                // connect 3 s, response 10 s: as for pre-review requests, a slower department is treated as down
                .to("http://department?connectTimeout={{hub.partners.connect-timeout-ms}}"
                        + "&responseTimeout={{hub.partners.response-timeout-ms}}")
                // the department took it: the project's trail records what was sent, once per message id
                .bean("approvalFlow", "departmentMessageSent");

        consume(Queues.STAGING, "staging-write", "project-approval-system", Queues.DLQ_STAGING)
                .bean("stagingWriter", "write");

        consume(Queues.PLATFORM_RESULTS, "investment-platform-results", "investment-platform",
                Queues.DLQ_INVESTMENT_PLATFORM)
                .setProperty("hubSentRequest", body())
                .removeHeaders("JMS*")
                .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .setHeader(Exchange.HTTP_URI, method("approvalFlow", "platformResultsUrl"))
                // connect 3 s, response 10 s: one insert at the platform, keyed by xmdm + spsxbm
                .to("http://investment-platform?connectTimeout={{hub.partners.connect-timeout-ms}}"
                        + "&responseTimeout={{hub.partners.response-timeout-ms}}")
                .bean("approvalFlow", "platformResultSent");
    }
}
