package cn.approvalbridge.hub.partners.department;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Header;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.prereview.PreReviewRequest;
import cn.approvalbridge.hub.prereview.PreReviewSteps;
import cn.approvalbridge.support.Masking;

/**
 * A department's pre-review request: {declarationId, departmentCode, dueBy, answerTo, declaration}, the declaration with
 * the unit's credit code and mobile masked (only the window that sent them sees them whole), posted to the department's
 * pre-review URL; once the department took it, the flow records it.
 */
@ApplicationScoped
public class PreReviewRequests {

    @Inject
    PreReviewSteps steps;

    @Inject
    DepartmentEndpoints endpoints;

    @Inject
    ObjectMapper json;

    /** The request to post for a department-request message; ALREADY_DONE when the department took it before. */
    public String request(String message, Exchange exchange) throws Exception {
        PreReviewRequest r = steps.preReviewRequest(message);
        exchange.getIn().setHeader(HubHeaders.DECLARATION_ID, r.declarationId());
        exchange.getIn().setHeader(HubHeaders.DEPARTMENT_CODE, r.departmentCode());
        exchange.getIn().setHeader(HubHeaders.ALREADY_DONE, r.alreadySent());
        ObjectNode out = json.createObjectNode();
        out.put("declarationId", r.declarationId());
        out.put("departmentCode", r.departmentCode());
        out.put("dueBy", r.dueBy().toString());
        out.put("answerTo", r.answerTo());
        out.set("declaration", Masking.maskDeclaration(json.readTree(r.declaration())));
        exchange.getIn().setHeader(Exchange.HTTP_URI, endpoints.preReviewUrl(r.departmentCode()));
        return json.writeValueAsString(out);
    }

    /** The department took the request (2xx). */
    public void sent(@Header(HubHeaders.DECLARATION_ID) String id, @Header(HubHeaders.DEPARTMENT_CODE) String dept,
            Exchange exchange) {
        steps.departmentRequested(id, dept, exchange.getProperty(HubHeaders.SENT_REQUEST, String.class));
    }
}
