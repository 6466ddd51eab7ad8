package cn.approvalbridge.hub.partners.functions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.OutboxRelay;
import cn.approvalbridge.support.Db;

/** Receipts from the SMS providers: stored in the outbox, then handed to the notification function by its route. */
@ApplicationScoped
public class SmsReceipts {

    static final String QUEUE = "hub.sms-receipts";

    @Inject
    Db db;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    FunctionsGateway functions;

    @Inject
    ObjectMapper json;

    /** Durable when this returns: the outbox row commits before the provider is answered. */
    void store(String provider, JsonNode reports) {
        ObjectNode receipt = json.createObjectNode();
        receipt.put("provider", provider);
        receipt.set("reports", reports);
        Outbox.Message m = db.inTransaction(c -> outbox.add(c, QUEUE, receipt.toString()));
        relay.relay(m);
    }

    /** The route's step: a receipt repeated by redelivery is matched again and changes nothing the second time. */
    public void handOver(String receipt) throws Exception {
        JsonNode r = json.readTree(receipt);
        functions.deliveryReports(r.path("provider").asText(), r.path("reports").toString());
    }
}
