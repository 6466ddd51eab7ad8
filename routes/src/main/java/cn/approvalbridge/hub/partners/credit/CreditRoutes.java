package cn.approvalbridge.hub.partners.credit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

import cn.approvalbridge.hub.credit.CreditChecks;
import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;

/**
 * The credit checks: every accepted declaration owes one (recorded PENDING, then asked on the credit system's own
 * queue, so that the system being down for hours holds up nothing else and the request waits on the broker).
 */
@ApplicationScoped
public class CreditRoutes extends HubRouteBuilder {

    @Override
    protected void routes() {
        consume(Queues.DECLARED, "credit-check-intake", "hub", Queues.DLQ_CREDIT)
                .setBody(method(CreditChecks.class, "intake"))
                .removeHeaders("*")
                .to(Queues.jms(Queues.CREDIT_CHECKS));

        postToPartner(consume(Queues.CREDIT_CHECKS, "credit-check", "credit", Queues.DLQ_CREDIT,
                "{{hub.partners.consumers}}")
                .setBody(method(CreditSystem.class, "request"))
                .filter(header(HubHeaders.ALREADY_DONE).isEqualTo(false))
                    .setHeader(Exchange.HTTP_URI, method(CreditSystem.class, "url")), "credit", JSON)
                .bean(CreditSystem.class, "answered")
                .end();

        // an untrue commitment (failed follow-up check), reported once under its reportId
        postToPartner(consume(Queues.CREDIT_REPORTS, "credit-report", "credit", Queues.DLQ_CREDIT)
                .setBody(method(CreditSystem.class, "report"))
                .setHeader(Exchange.HTTP_URI, method(CreditSystem.class, "reportUrl")), "credit", JSON)
                .bean(CreditSystem.class, "reported");
    }
}
