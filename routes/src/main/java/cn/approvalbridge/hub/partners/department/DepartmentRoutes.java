package cn.approvalbridge.hub.partners.department;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

/**
 * Review departments: each pre-review request is POSTed to the department's endpoint (hub.departments.&lt;code&gt;.url;
 * the sandbox department when none is set). A department that is down is retried with back-off, then the request goes
 * to hub.dlq.department for replay. The department answers later through the inbound API.
 */
@ApplicationScoped
public class DepartmentRoutes extends HubRouteBuilder {

    @Override
    public void configure() {
        deadLetters();

        consume(Queues.DEPARTMENT_REQUESTS, "department-pre-review-request", "department", Queues.DLQ_DEPARTMENT)
                .setBody(method("flowSteps", "departmentRequest"))
                .filter(header(HubHeaders.ALREADY_DONE).isEqualTo(false))
                    .setProperty("hubSentRequest", body())
                    .removeHeaders("JMS*")
                    .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                    // connect 3 s, response 10 s: a department that takes longer is treated as down and retried later
                    .to("http://department?connectTimeout={{hub.partners.connect-timeout-ms}}"
                            + "&responseTimeout={{hub.partners.response-timeout-ms}}")
                    .bean("flowSteps", "departmentRequested")
                .end();
    }
}
