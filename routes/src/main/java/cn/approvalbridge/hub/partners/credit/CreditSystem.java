package cn.approvalbridge.hub.partners.credit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.commitment.CommitmentRecords.DishonestCommitment;
import cn.approvalbridge.hub.credit.CreditChecks;
import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.camel.PartnerUrls;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.platform.store.Trail;

/**
 * The credit information system (信用信息共享平台), at hub.credit.url (unset: the sandbox credit system on this hub). Its
 * exchange, mapped here only: POST {"creditCode", "subjectName", "purpose", "requestId"} → 200 {"creditCode", "status":
 * CLEAN | WARNING | SERIOUS_DISHONESTY, "recordId" (the record found, if any), "source"}. A real system's own format is
 * mapped in this class, nowhere else. An untrue commitment (失信承诺) is reported to hub.credit.report-url: POST
 * {"reportId", "creditCode", "subjectName", "kind": "DISHONEST_COMMITMENT", "projectCode", "itemCode", "itemName",
 * "commitmentRef", "commitmentTextVersion", "reasons", "checkedAt"} → 2xx.
 */
@ApplicationScoped
public class CreditSystem {

    static final String SUBJECT = "HubCreditSubject";
    static final String REPORT = "HubCreditReport";

    @Inject
    PartnerUrls urls;

    @Inject
    CreditChecks checks;

    @Inject
    ObjectMapper json;

    @Inject
    Trail trail;

    public String url() {
        return urls.configuredOr("hub.credit.url", "/sandbox/credit/checks");
    }

    public String reportUrl() {
        return urls.configuredOr("hub.credit.report-url", "/sandbox/credit/reports");
    }

    /** The report of an untrue commitment, in the credit system's format. */
    public String report(String message, Exchange exchange) throws Exception {
        DishonestCommitment d = json.readValue(message, DishonestCommitment.class);
        exchange.setProperty(HubHeaders.MESSAGE_ID, "CREDIT_REPORT:" + d.reportId());
        exchange.setProperty(REPORT, d);
        return json.createObjectNode().put("reportId", d.reportId()).put("creditCode", d.creditCode())
                .put("subjectName", d.unitName()).put("kind", "DISHONEST_COMMITMENT").put("projectCode", d.projectCode())
                .put("itemCode", d.itemCode()).put("itemName", d.itemName()).put("commitmentRef", d.documentRef())
                .put("commitmentTextVersion", d.textVersion()).put("reasons", d.reasons())
                .put("checkedAt", d.checkedAt().toString()).toString();
    }

    /** After the credit system took the report: in the project's trail, once. */
    public void reported(Exchange exchange) {
        DishonestCommitment d = exchange.getProperty(REPORT, DishonestCommitment.class);
        trail.appendOnceForProject(d.projectCode(), "credit", "DISHONEST_COMMITMENT_REPORTED", "credit-report:"
                + d.reportId(), exchange.getProperty(HubHeaders.SENT_REQUEST, String.class));
    }

    /** The request for a check message; ALREADY_DONE when the check has its answer (a redelivery). */
    public String request(String message, Exchange exchange) throws Exception {
        CreditChecks.Subject s = checks.subject(message);
        exchange.setProperty(SUBJECT, s);
        exchange.getIn().setHeader(HubHeaders.ALREADY_DONE, s.answered());
        exchange.setProperty(HubHeaders.MESSAGE_ID, "CREDIT:" + s.declarationId() + ":" + s.purpose());
        return json.createObjectNode().put("creditCode", s.creditCode()).put("subjectName", s.unitName())
                .put("purpose", s.purpose()).put("requestId", "CREDIT:" + s.declarationId() + ":" + s.purpose())
                .toString();
    }

    /** The system's answer, recorded; an answer the hub cannot read is a permanent failure (dead letter). */
    public void answered(Exchange exchange) throws Exception {
        CreditChecks.Subject s = exchange.getProperty(SUBJECT, CreditChecks.Subject.class);
        String reply = exchange.getIn().getBody(String.class);
        JsonNode r = json.readTree(reply == null ? "" : reply);
        CreditChecks.Status status;
        try {
            status = CreditChecks.Status.valueOf(r.path("status").asText());
        } catch (IllegalArgumentException e) {
            throw new PermanentFailure("the credit system answered an unknown status: " + r.path("status").asText());
        }
        if (status == CreditChecks.Status.PENDING) {
            throw new PermanentFailure("the credit system answered PENDING, which only the hub may use");
        }
        checks.answered(s.declarationId(), s.purpose(), status, r.path("source").asText("credit"),
                r.path("recordId").asText(null), exchange.getProperty(HubHeaders.SENT_REQUEST, String.class), reply);
    }
}
