package cn.approvalbridge.hub.platform.notice;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A notice to a project unit or a department desk, as the flows put it on the notifications queue: the event (the SMS
 * template), who gets it, the project and the template's parameters. The eventId is deterministic (event and what it is
 * about), so a redelivered or replayed notice is sent once: the notification function keeps one SMS per eventId.
 */
@ApplicationScoped
public class Notices {

    @Inject
    ObjectMapper json;

    public String notice(String eventId, String event, String mobile, String projectCode, String projectName,
            Map<String, String> params, String declarationId) {
        ObjectNode n = json.createObjectNode();
        n.put("eventId", eventId);
        n.put("event", event);
        n.put("mobile", mobile);
        if (projectCode != null) {
            n.put("projectCode", projectCode);
        }
        n.put("projectName", projectName);
        ObjectNode p = n.putObject("params");
        params.forEach(p::put);
        n.put("declarationId", declarationId);
        return n.toString();
    }
}
