package cn.approvalbridge.hub.platform.notice;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.security.StatusTokens;

/**
 * A notice to a project unit or a department desk, as the flows put it on the notifications queue: the event (the SMS
 * template), who gets it, the project and the template's parameters. The eventId is deterministic (event and what it is
 * about), so a redelivered or replayed notice is sent once: the notification function keeps one SMS per eventId.
 * A notice to the project unit about its coded project ({@link #toUnit}) also carries the signed link to its status
 * page (issue 17), which every milestone template shows.
 */
@ApplicationScoped
public class Notices {

    @Inject
    ObjectMapper json;

    @Inject
    StatusTokens statusTokens;

    /** A notice to the project unit about its coded project: {@code params} plus its status link's parameters. */
    public String toUnit(String eventId, String event, String mobile, String projectCode, String projectName,
            Map<String, String> params, String declarationId) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.putAll(statusTokens.linkParams(projectCode));
        return notice(eventId, event, mobile, projectCode, projectName, all, declarationId);
    }

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
