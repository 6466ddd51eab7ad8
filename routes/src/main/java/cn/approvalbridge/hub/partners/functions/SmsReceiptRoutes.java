package cn.approvalbridge.hub.partners.functions;

import jakarta.enterprise.context.ApplicationScoped;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;

/** The SMS providers' delivery receipts, from the outbox to the result-notification function. */
@ApplicationScoped
public class SmsReceiptRoutes extends HubRouteBuilder {

    @Override
    protected void routes() {
        consume(SmsReceipts.QUEUE, "sms-receipts", "result-notification", Queues.DLQ_NOTIFICATION)
                .bean(SmsReceipts.class, "handOver");
    }
}
