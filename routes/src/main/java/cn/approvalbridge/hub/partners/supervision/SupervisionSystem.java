package cn.approvalbridge.hub.partners.supervision;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.camel.PartnerUrls;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.platform.partners.PartnerBreakers;
import cn.approvalbridge.hub.platform.store.ProcessedMessages;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.Db;

/**
 * The 13710 supervision system (督查督办系统) at hub.supervision.url: a case is opened with POST {url}/cases, each later
 * update (REMINDER 催办, INTERVIEW 约谈, CLOSED 办结) is POSTed to {url}/cases/{caseId}/updates, the monthly ranking to
 * {url}/reports. Its format is mapped here only. Each is delivered once: the hub remembers what the system took
 * (hub_processed_message), and the system de-duplicates a re-send by caseId + seq (or the report's messageId, also the
 * X-Request-Id). A case's updates reach it in order: one whose predecessor it has not taken yet waits on the broker.
 */
@ApplicationScoped
public class SupervisionSystem {

    static final String PARTNER = "supervision";
    static final String CONSUMER = "supervision-system";

    @Inject
    PartnerUrls urls;
    @Inject
    ObjectMapper json;
    @Inject
    ProcessedMessages processed;
    @Inject
    Trail trail;
    @Inject
    Db db;
    @Inject
    java.time.Clock clock;

    /** An update the system cannot take before its predecessor: not a failure of the system, so no breaker count. */
    static final class EarlierUpdatePending extends PartnerBreakers.PartnerUnavailable {
        private final String what;

        EarlierUpdatePending(String what) {
            super(PARTNER);
            this.what = what;
        }

        @Override
        public String getMessage() {
            return what + " waits for the supervision system to take the case's earlier update";
        }
    }

    String base() {
        String url = urls.configuredOr("hub.supervision.url", "/sandbox/supervision");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The case's update in the system's format, addressed to its endpoint; ALREADY_DONE when the system has it. */
    public String toPartner(String body, Exchange exchange) {
        JsonNode u = read(body);
        String caseId = u.path("caseId").asText();
        int seq = u.path("seq").asInt(-1);
        if (caseId.isEmpty() || seq < 0) {
            throw new PermanentFailure("not a supervision case update: caseId and seq are required");
        }
        exchange.getIn().setHeader(HubHeaders.ALREADY_DONE, processed.isProcessed(CONSUMER, key(caseId, seq)));
        if (seq > 0 && !processed.isProcessed(CONSUMER, key(caseId, seq - 1))) {
            throw new EarlierUpdatePending(key(caseId, seq));
        }
        exchange.setProperty(HubHeaders.MESSAGE_ID, key(caseId, seq));
        exchange.setProperty(HubHeaders.DECLARATION_ID, u.path("declarationId").asText());
        ObjectNode w = json.createObjectNode();
        w.put("caseId", caseId);
        if (seq == 0) {
            w.put("declarationId", u.path("declarationId").asText());
            copy(u, w, "projectCode", "projectCode");
            w.put("projectName", u.path("projectName").asText());
            w.put("departmentCode", u.path("departmentCode").asText());
            w.put("departmentName", u.path("departmentName").asText());
            w.put("matter", u.path("subject").asText());
            w.put("dueDate", u.path("dueBy").asText());
            w.put("overdueWorkingDays", u.path("overdueDays").asInt());
            w.put("openedAt", u.path("at").asText());
            w.put("source", "approval-bridge");
            exchange.getIn().setHeader(Exchange.HTTP_URI, base() + "/cases");
        } else {
            w.put("seq", seq);
            w.put("type", u.path("kind").asText());
            w.put("at", u.path("at").asText());
            w.put("overdueWorkingDays", u.path("overdueDays").asInt());
            for (String f : new String[] { "reminder", "of", "interviewee", "reason", "remindersSent", "interviewed" }) {
                copy(u, w, f, f);
            }
            exchange.getIn().setHeader(Exchange.HTTP_URI, base() + "/cases/" + caseId + "/updates");
        }
        return w.toString();
    }

    /** The system took the update (2xx): remembered, and in the project's trail, once. */
    public void delivered(Exchange exchange) {
        String key = exchange.getProperty(HubHeaders.MESSAGE_ID, String.class);
        String declarationId = exchange.getProperty(HubHeaders.DECLARATION_ID, String.class);
        String sent = exchange.getProperty(HubHeaders.SENT_REQUEST, String.class);
        db.inTransaction(c -> {
            Optional<Declarations.Row> row = Declarations.lock(c, declarationId);
            if (Db.update(c, "INSERT INTO hub_processed_message (consumer, message_key, processed_at) SELECT ?, ?, ? "
                    + "WHERE NOT EXISTS (SELECT 1 FROM hub_processed_message WHERE consumer = ? AND message_key = ?)",
                    CONSUMER, key, java.time.OffsetDateTime.now(clock), CONSUMER, key) == 1 && row.isPresent()) {
                trail.append(c, declarationId, "OUT", PARTNER, "SUPERVISION_DELIVERED", sent);
            }
            return null;
        });
    }

    /** The monthly ranking, as the flow fixed it, to {url}/reports; ALREADY_DONE when the system has it. */
    public String toReport(String body, Exchange exchange) {
        JsonNode r = read(body);
        String id = exchange.getIn().getHeader(HubHeaders.MESSAGE_ID, String.class);
        if (id == null || !id.startsWith("RANKING:")) {
            id = r.hasNonNull("messageId") ? r.get("messageId").asText()
                    : r.hasNonNull("month") ? "RANKING:" + r.get("month").asText() : null;
        }
        if (id == null) {
            throw new PermanentFailure("a ranking report carries its messageId (RANKING:<YYYY-MM>) or month");
        }
        exchange.setProperty(HubHeaders.MESSAGE_ID, id);
        exchange.getIn().setHeader(HubHeaders.ALREADY_DONE, processed.isProcessed(CONSUMER, id));
        exchange.getIn().setHeader(Exchange.HTTP_URI, base() + "/reports");
        ObjectNode w = r.isObject() ? ((ObjectNode) r).deepCopy() : json.createObjectNode();
        w.put("messageId", id);
        return w.toString();
    }

    public void reportDelivered(Exchange exchange) {
        processed.markProcessed(CONSUMER, exchange.getProperty(HubHeaders.MESSAGE_ID, String.class));
    }

    static String key(String caseId, int seq) {
        return caseId + ":" + seq;
    }

    private static void copy(JsonNode from, ObjectNode to, String field, String as) {
        if (from.hasNonNull(field)) {
            to.set(as, from.get(field));
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("not JSON: " + e.getOriginalMessage());
        }
    }
}
