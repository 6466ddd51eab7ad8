package cn.approvalbridge.hub.partners.investmentplatform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.prereview.PreReviewSteps;
import cn.approvalbridge.support.ChinaTime;

/**
 * A coded project's registration at the investment platform, in the platform's JSON (the field names of its public
 * exchange: xmdm, xmmc, ztz, ...); once the platform took it, the flow records it and gives the unit's CODE_ASSIGNED
 * notice.
 */
@ApplicationScoped
public class ProjectRegistration {

    @Inject
    PreReviewSteps steps;

    @Inject
    ObjectMapper json;

    /** The project to post for a registration message; ALREADY_DONE when the platform has it already. */
    public String project(String message, Exchange exchange) throws Exception {
        Declarations.Row row = steps.declaration(message);
        String id = row.declarationId();
        if (row.projectCode() == null) {
            throw new PermanentFailure("declaration " + id + " has no project code yet");
        }
        exchange.getIn().setHeader(HubHeaders.DECLARATION_ID, id);
        exchange.getIn().setHeader(HubHeaders.ALREADY_DONE, row.platformRegisteredAt() != null);
        // one registration per declaration, whichever message asks for it (a code assignment consumed twice sends two)
        exchange.setProperty(HubHeaders.CLAIM_KEY, "PROJECT_REGISTRATION:" + id);
        JsonNode d = json.readTree(row.body());
        ObjectNode p = json.createObjectNode();
        p.put("xmdm", row.projectCode());
        p.put("xmmc", d.path("projectName").asText());
        p.put("ztz", d.path("totalInvestment").decimalValue());
        p.put("nkgsj", d.path("plannedStart").asText());
        p.put("njcsj", d.path("plannedFinish").asText());
        p.put("jsdd", d.path("site").asText());
        p.put("jsgmjnr", d.path("scale").asText());
        p.put("xmlx", switch (d.path("approvalClass").asText()) {
            case "APPROVAL" -> "审批类项目";
            case "VERIFICATION" -> "核准类项目";
            default -> "备案类项目";
        });
        p.put("jsxz", switch (d.path("constructionNature").asText()) {
            case "NEW" -> "新建";
            case "EXPANSION" -> "扩建";
            case "RECONSTRUCTION" -> "改建";
            default -> "迁建";
        });
        p.put("xzqhdm", row.regionCode());
        p.put("sbrq", row.receivedAt().atZoneSameInstant(ChinaTime.ZONE).toLocalDate().toString());
        JsonNode unit = d.path("unit");
        ObjectNode dw = p.putArray("XMDWInfo").addObject();
        dw.put("lerepCertno", unit.path("creditCode").asText());
        dw.put("enterpriseName", unit.path("name").asText());
        dw.put("contactName", unit.path("contactName").asText());
        dw.put("contactPhone", unit.path("contactMobile").asText());
        return json.writeValueAsString(p);
    }

    /** The platform took the project (or had it already: nothing was sent); returns the CODE_ASSIGNED notice. */
    public String registered(@Header(HubHeaders.DECLARATION_ID) String id, Exchange exchange) {
        return steps.platformRegistered(id, exchange.getProperty(HubHeaders.SENT_REQUEST, String.class),
                exchange.getIn().getBody(String.class));
    }
}
