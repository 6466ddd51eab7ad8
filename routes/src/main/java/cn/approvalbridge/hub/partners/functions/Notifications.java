package cn.approvalbridge.hub.partners.functions;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.platform.store.ProcessedMessages;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.support.Db;

/**
 * Sends the flows' notices (see platform.notice.Notices) through the result-notification function, once per eventId;
 * the call and its reply go into the trail of the notice's declaration.
 */
@ApplicationScoped
public class Notifications {

    @Inject
    FunctionsGateway functions;

    @Inject
    Db db;

    @Inject
    ProcessedMessages processed;

    @Inject
    Trail trail;

    @Inject
    ObjectMapper json;

    public void send(String notice) throws Exception {
        JsonNode n = json.readTree(notice);
        String eventId = n.path("eventId").asText();
        if (processed.isProcessed("notification", eventId)) {
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        n.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        var call = new FunctionsGateway.NotifyCall(eventId, n.path("event").asText(), n.path("mobile").asText(),
                n.hasNonNull("projectCode") ? n.get("projectCode").asText() : null,
                n.hasNonNull("projectName") ? n.get("projectName").asText() : null, params, false);
        var reply = functions.notify(call);
        String declarationId = n.path("declarationId").asText();
        String callJson = json.writeValueAsString(call);
        String replyJson = json.writeValueAsString(reply);
        // one transaction under the declaration's lock: marked processed (unless refused) and both entries in its trail
        db.inTransaction(c -> {
            Trail.lock(c, declarationId);
            if (reply.rejected() || processed.markProcessed(c, "notification", eventId)) {
                trail.append(c, declarationId, "OUT", "result-notification", "NOTIFY_" + call.event(), callJson);
                trail.append(c, declarationId, "IN", "result-notification", "NOTIFY_REPLY", replyJson);
            }
            return null;
        });
        if (reply.rejected()) {
            // not marked processed: an operator may fix the cause and replay the dead letter
            throw new PermanentFailure("notification " + eventId + " rejected: " + reply.errors());
        }
    }
}
