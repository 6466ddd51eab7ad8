package cn.approvalbridge.hub.partners.department;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.approval.ApprovalRecords.ApprovalRecord;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemDecided;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemListRequested;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemWithdrawn;
import cn.approvalbridge.hub.approval.ApprovalRecords.MaterialsToReview;
import cn.approvalbridge.hub.approval.ApprovalRecords.PrerequisiteDecided;
import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.support.ChinaTime;

/**
 * The departments' messages of steps 4-7, made from the approval flow's records: an item-list request
 * (ITEM_LIST_REQUEST), a submission's materials (MATERIALS), a prerequisite's result (PREREQUISITE_RESULT), an
 * application the unit withdrew (WITHDRAWAL: stop working on it; nothing to answer). Each names
 * the project, the department, its items and the hub endpoint that takes the answer; its messageId is the same however
 * often it is sent, so the department and the trail take it once.
 */
@ApplicationScoped
public class ApprovalMessages {

    @Inject
    ObjectMapper json;
    @Inject
    DepartmentEndpoints endpoints;
    @Inject
    Trail trail;

    /** The message for the record's department, addressed to its approval endpoint. */
    public String toDepartment(String body, Exchange exchange) {
        ObjectNode m = message(record(body));
        String dept = m.path("departmentCode").asText();
        exchange.getIn().setHeader(HubHeaders.DEPARTMENT_CODE, dept);
        exchange.getIn().setHeader(Exchange.HTTP_URI, endpoints.approvalUrl(dept));
        return m.toString();
    }

    /** After the department's endpoint took the message (2xx): the trail records it (OUT), once per message id. */
    public void sent(Exchange exchange) throws JsonProcessingException {
        String sent = exchange.getProperty(HubHeaders.SENT_REQUEST, String.class);
        JsonNode m = json.readTree(sent);
        trail.appendOnceForProject(m.path("projectCode").asText(), "dept-" + m.path("departmentCode").asText(),
                m.path("kind").asText(), "department:" + m.path("departmentCode").asText() + ":" + m.path("messageId").asText(),
                sent);
    }

    ObjectNode message(ApprovalRecord record) {
        if (record instanceof ItemListRequested r) {
            return message("ITEM_LIST_REQUEST", null, r.projectCode(), r.departmentCode(), List.of(), "item-lists",
                    r.dueBy());
        }
        if (record instanceof MaterialsToReview r) {
            ObjectNode m = message("MATERIALS", r.submissionId(), r.projectCode(), r.departmentCode(), r.itemCodes(),
                    "material-reviews", r.dueBy());
            m.put("submissionId", r.submissionId());
            m.set("documents", json.valueToTree(r.documents()));
            return m;
        }
        if (record instanceof PrerequisiteDecided r) {
            ItemDecided d = r.prerequisite();
            ObjectNode m = message("PREREQUISITE_RESULT", d.itemCode(), d.projectCode(), r.departmentCode(),
                    r.itemCodes(), "approval-results", null);
            ObjectNode p = m.putObject("prerequisite");
            p.put("itemCode", d.itemCode());
            p.put("itemName", d.itemName());
            p.put("departmentCode", d.departmentCode());
            p.put("decision", d.decision());
            p.put("documentNumber", d.documentNumber());
            p.put("documentDate", d.documentDate().toString());
            p.put("opinion", d.opinion());
            return m;
        }
        if (record instanceof ItemWithdrawn r) {
            // the application number tells a withdrawal apart from that of an earlier application of the same item
            ObjectNode m = message("WITHDRAWAL", r.itemCode() + "-" + r.application(), r.projectCode(),
                    r.departmentCode(), List.of(r.itemCode()), null, null);
            m.put("application", r.application());
            m.put("reason", r.reason());
            m.put("withdrawnAt", ChinaTime.text(r.withdrawnAt()));
            return m;
        }
        throw new PermanentFailure("not a record for a department: " + record.getClass().getSimpleName());
    }

    /** {@code about}: what the message is about besides the project and the department (a submission, an item). */
    private ObjectNode message(String kind, String about, String code, String dept, List<String> itemCodes,
            String endpoint, LocalDate dueBy) {
        ObjectNode m = json.createObjectNode();
        m.put("messageId", kind + (about == null ? "" : ":" + about) + ":" + code + ":" + dept);
        m.put("kind", kind);
        m.put("projectCode", code);
        m.put("departmentCode", dept);
        var arr = m.putArray("itemCodes");
        itemCodes.forEach(arr::add);
        if (endpoint != null) {
            m.put("answerTo", "/api/v1/projects/" + code + "/" + endpoint);
        }
        if (dueBy != null) {
            m.put("dueBy", dueBy.toString());
        }
        return m;
    }

    private ApprovalRecord record(String body) {
        try {
            return json.readValue(body, ApprovalRecord.class);
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("not an approval record: " + e.getOriginalMessage());
        }
    }
}
