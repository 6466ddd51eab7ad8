package cn.approvalbridge.hub.partners.investmentplatform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.approval.ApprovalRecords.ApprovalRecord;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemDecided;
import cn.approvalbridge.hub.commitment.CommitmentRecords;
import cn.approvalbridge.hub.commitment.CommitmentRecords.ItemRevoked;
import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.platform.store.Trail;

/**
 * An approval result as the investment platform takes it (xmdm project code, spsxbm item code, spsxmc item name, blbm
 * department, spjg 准予许可/不予许可, pfwh document number, pfrq its date), made from the approval flow's decision.
 */
@ApplicationScoped
public class PlatformResults {

    static final String REVOKED = "撤销";

    @Inject
    ObjectMapper json;
    @Inject
    Trail trail;
    @Inject
    InvestmentPlatform platform;

    /** The platform's result for the decision, addressed to its results endpoint. */
    public String toPlatform(String body, Exchange exchange) {
        ApprovalRecord record;
        try {
            JsonNode tree = json.readTree(body);
            if (tree.has(CommitmentRecords.REVOKED)) {
                return revoked(json.treeToValue(tree.get(CommitmentRecords.REVOKED), ItemRevoked.class), exchange);
            }
            record = json.readValue(body, ApprovalRecord.class);
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("not an approval record: " + e.getOriginalMessage());
        }
        if (!(record instanceof ItemDecided d)) {
            throw new PermanentFailure("not an approval result: " + record.getClass().getSimpleName());
        }
        ObjectNode r = json.createObjectNode();
        r.put("xmdm", d.projectCode());
        r.put("spsxbm", d.itemCode());
        r.put("spsxmc", d.itemName());
        r.put("blbm", d.departmentCode());
        r.put("spjg", "APPROVED".equals(d.decision()) ? "准予许可" : "不予许可");
        r.put("pfwh", d.documentNumber());
        r.put("pfrq", d.documentDate().toString());
        exchange.getIn().setHeader(Exchange.HTTP_URI, platform.resultsUrl());
        return r.toString();
    }

    /** A revoked approval (撤销): the same result fields, spjg 撤销 and cxyy its reasons. */
    private String revoked(ItemRevoked d, Exchange exchange) {
        ObjectNode r = json.createObjectNode();
        r.put("xmdm", d.projectCode());
        r.put("spsxbm", d.itemCode());
        r.put("spsxmc", d.itemName());
        r.put("blbm", d.departmentCode());
        r.put("spjg", REVOKED);
        r.put("pfwh", d.documentNumber());
        r.put("pfrq", d.documentDate() == null ? null : d.documentDate().toString());
        r.put("cxyy", d.reasons());
        exchange.getIn().setHeader(Exchange.HTTP_URI, platform.resultsUrl());
        return r.toString();
    }

    /** After the platform took the result (2xx): the trail records it, once per project and item (and revocation). */
    public void shared(Exchange exchange) throws JsonProcessingException {
        String sent = exchange.getProperty(HubHeaders.SENT_REQUEST, String.class);
        JsonNode r = json.readTree(sent);
        boolean revoked = REVOKED.equals(r.path("spjg").asText());
        trail.appendOnceForProject(r.path("xmdm").asText(), "investment-platform",
                revoked ? "APPROVAL_REVOCATION_SHARED" : "APPROVAL_RESULT_SHARED", (revoked ? "platform-revoked:"
                        : "platform-result:") + r.path("xmdm").asText() + ":" + r.path("spsxbm").asText(), sent);
    }
}
