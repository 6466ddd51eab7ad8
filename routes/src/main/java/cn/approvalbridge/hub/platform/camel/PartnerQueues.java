package cn.approvalbridge.hub.platform.camel;

import java.util.Collection;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.broker.Queues;

/**
 * Which partner's own queue a message of a shared queue goes to (hub.department.requests → .FGW): the partner named in
 * its body, in one message group per project (or declaration, or application) there, so that one subject's messages
 * reach the partner in the order the flow sent them.
 */
final class PartnerQueues {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SUBJECTS = { "projectCode", "declarationId", "applicationId" };

    private PartnerQueues() {
    }

    /** The partner's queue behind the consumed one; JMSXGroupID set to the message's subject. */
    static String target(Exchange exchange, String field, Collection<String> partners) throws Exception {
        JsonNode m = JSON.readTree(exchange.getIn().getBody(String.class));
        String partner = m.path(field).asText();
        if (!partners.contains(partner)) {
            throw new PermanentFailure(field + " '" + partner + "' is none of " + partners);
        }
        String subject = partner;
        for (String s : SUBJECTS) {
            JsonNode v = m.hasNonNull(s) ? m.get(s) : m.path("prerequisite").get(s);
            if (v != null && !v.isNull()) {
                subject = v.asText();
                break;
            }
        }
        exchange.getIn().setHeader("JMSXGroupID", subject);
        return Queues.of(exchange.getProperty(HubHeaders.SOURCE_QUEUE, String.class), partner);
    }
}
