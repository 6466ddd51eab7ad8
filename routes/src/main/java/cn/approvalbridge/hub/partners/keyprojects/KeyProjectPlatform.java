package cn.approvalbridge.hub.partners.keyprojects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.camel.PartnerUrls;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.platform.store.ProcessedMessages;
import cn.approvalbridge.hub.platform.store.Trail;

/**
 * The key construction project platform (重点建设项目综合管理平台) at hub.key-project-platform.url: one POST per project
 * and month with its row of 一项目一表 in the platform's fields (xmdm, tbyf report month, xxjd 形象进度, wctz investment
 * completed in 10k yuan, czwt problems, sfqb progress missing, spsx the approval items with their states). Once: the hub
 * remembers what the platform took, and the platform de-duplicates by xmdm + tbyf (also the X-Request-Id).
 */
@ApplicationScoped
public class KeyProjectPlatform {

    static final String PARTNER = "key-project-platform";
    private static final String CONSUMER = "key-project-platform";

    @Inject
    PartnerUrls urls;
    @Inject
    ObjectMapper json;
    @Inject
    ProcessedMessages processed;
    @Inject
    Trail trail;

    public String toPlatform(String body, Exchange exchange) {
        JsonNode r;
        try {
            r = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("not a key-project row: " + e.getOriginalMessage());
        }
        String code = r.path("projectCode").asText();
        String month = r.path("month").asText();
        if (code.isEmpty() || month.isEmpty()) {
            throw new PermanentFailure("a key-project row names its projectCode and month");
        }
        String key = "KP:" + code + ":" + month;
        exchange.setProperty(HubHeaders.MESSAGE_ID, key);
        exchange.getIn().setHeader(HubHeaders.ALREADY_DONE, processed.isProcessed(CONSUMER, key));
        exchange.getIn().setHeader(Exchange.HTTP_URI,
                urls.configuredOr("hub.key-project-platform.url", "/sandbox/key-projects/reports"));
        ObjectNode w = json.createObjectNode();
        w.put("xmdm", code);
        w.put("xmmc", r.path("projectName").asText());
        w.put("zdxmjb", r.path("keyProject").asText());
        w.put("tbyf", month);
        w.put("sfqb", r.path("progressMissing").asBoolean());
        JsonNode g = r.path("progress");
        if (g.isObject()) {
            w.put("xxjd", g.path("physicalProgress").asText());
            w.set("wctz", g.get("investmentCompleted"));
            if (g.hasNonNull("problems")) {
                w.put("czwt", g.get("problems").asText());
            }
            w.put("tbsj", g.path("reportedAt").asText());
        }
        JsonNode p = r.path("procedures");
        w.put("xmzt", p.path("status").asText());
        w.put("spjd", p.path("stage").asText(null));
        ArrayNode items = w.putArray("spsx");
        for (JsonNode i : p.path("items")) {
            ObjectNode x = items.addObject();
            x.put("spsxbm", i.path("itemCode").asText());
            x.put("spsxmc", i.path("itemName").asText());
            x.put("blbm", i.path("departmentCode").asText());
            x.put("blzt", i.path("status").asText());
            x.set("spjg", i.get("decision"));
            x.set("pfwh", i.get("documentNumber"));
            x.set("pfrq", i.get("documentDate"));
        }
        w.put("scsj", r.path("fixedAt").asText());
        return w.toString();
    }

    /** The platform took the row (2xx): remembered, and in the project's trail, once. */
    public void delivered(Exchange exchange) {
        String key = exchange.getProperty(HubHeaders.MESSAGE_ID, String.class);
        String sent = exchange.getProperty(HubHeaders.SENT_REQUEST, String.class);
        processed.markProcessed(CONSUMER, key);
        trail.appendOnceForProject(key.split(":")[1], PARTNER, "KEY_PROJECT_ROW_SENT", "key-project-row:" + key, sent);
    }
}
