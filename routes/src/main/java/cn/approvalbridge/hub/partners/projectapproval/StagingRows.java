package cn.approvalbridge.hub.partners.projectapproval;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.approval.ApprovalRecords.ApprovalRecord;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemAccepted;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemDecided;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemEvent;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemEventType;
import cn.approvalbridge.hub.approval.ApprovalRecords.ProjectCoded;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.support.ChinaTime;
import io.quarkus.arc.Unremovable;

/**
 * The staging tables' rows (SPGL_*, columns by the province's standard names) for what hub.staging carries: a record
 * of the approval flow, or a row already made (a utility status change, see UtilityStagingHook; a dead letter
 * replayed). A row travels to StagingWriter as {"table": ..., "columns": {...}}; its times are Beijing time.
 */
@ApplicationScoped
@Unremovable
public class StagingRows {

    static final String PROJECT = "SPGL_XMJBXXB";
    static final String UNIT = "SPGL_XMDWXXB";
    static final String ITEM = "SPGL_XMSPSXBLXXB";
    static final String ITEM_DETAIL = "SPGL_XMSPSXBLXXXXB";
    static final String DECISION_DOCUMENT = "SPGL_XMSPSXPFWJXXB";
    static final List<String> TABLES = List.of(PROJECT, UNIT, ITEM, ITEM_DETAIL, DECISION_DOCUMENT);

    @Inject
    ObjectMapper json;

    /** The rows one message on hub.staging stands for, each written on its own (once, by its business key). */
    public List<String> rows(String body) {
        JsonNode n;
        ApprovalRecord record;
        try {
            n = json.readTree(body);
            if (n.has("table")) {
                return List.of(body);
            }
            record = json.treeToValue(n, ApprovalRecord.class);
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("not a staging message: " + e.getOriginalMessage());
        }
        if (record instanceof ProjectCoded p) {
            return List.of(project(p), unit(p));
        }
        if (record instanceof ItemAccepted a) {
            return List.of(accepted(a), detail(a.projectCode(), a.itemCode(), a.departmentCode(), "ACCEPTED", "受理", null,
                    beijing(a.acceptedAt())));
        }
        if (record instanceof ItemEvent e) {
            boolean returned = e.event() == ItemEventType.RETURNED;
            return List.of(detail(e.projectCode(), e.itemCode(), e.departmentCode(), e.event().name() + ":" + e.round(),
                    returned ? "补正" : "补正提交", e.reasons(), beijing(e.at())));
        }
        if (record instanceof ItemDecided d) {
            String spjg = "APPROVED".equals(d.decision()) ? "准予许可" : "不予许可";
            String detail = detail(d.projectCode(), d.itemCode(), d.departmentCode(), "DECIDED", spjg, d.opinion(),
                    beijing(d.decidedAt()));
            // a decision taken in the project approval system is already in its table
            return d.fromProjectApprovalSystem() ? List.of(detail) : List.of(detail, decisionDocument(d, spjg));
        }
        throw new PermanentFailure("not a record for the staging tables: " + record.getClass().getSimpleName());
    }

    /** The message body of one row (columns in this order). */
    public String row(String table, Map<String, Object> columns) {
        ObjectNode n = json.createObjectNode();
        n.put("table", table);
        n.set("columns", json.valueToTree(columns));
        return n.toString();
    }

    private String project(ProjectCoded p) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("XZQHDM", p.regionCode());
        r.put("XMDM", p.projectCode());
        r.put("XMMC", p.projectName());
        r.put("ZTZE", p.totalInvestment());
        r.put("JSDD", p.site());
        r.put("LXLX", switch (p.approvalClass()) {
            case "APPROVAL" -> "审批";
            case "VERIFICATION" -> "核准";
            default -> "备案";
        });
        r.put("JSXZ", p.constructionNature());
        r.put("NKGSJ", p.plannedStart());
        r.put("NJCSJ", p.plannedFinish());
        r.put("JSGMJNR", p.scale());
        r.put("SBRQ", p.receivedOn().toString());
        return row(PROJECT, r);
    }

    private String unit(ProjectCoded p) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("XMDM", p.projectCode());
        r.put("DWTYSHXYDM", p.unit().creditCode());
        r.put("DWMC", p.unit().name());
        r.put("LXR", p.unit().contactName());
        r.put("LXDH", p.unit().contactMobile());
        return row(UNIT, r);
    }

    private String accepted(ItemAccepted a) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("XZQHDM", a.regionCode());
        r.put("XMDM", a.projectCode());
        r.put("SPSXBM", a.itemCode());
        r.put("SPSXMC", a.itemName());
        r.put("SPJD", a.stage());
        r.put("BLBM", a.departmentCode());
        r.put("BLSX", a.timeLimitDays());
        r.put("SLSJ", beijing(a.acceptedAt()));
        r.put("BLZT", "受理");
        return row(ITEM, r);
    }

    private String decisionDocument(ItemDecided d, String spjg) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("XMDM", d.projectCode());
        r.put("SPSXBM", d.itemCode());
        r.put("SPJG", spjg);
        r.put("PFWH", d.documentNumber());
        r.put("PFRQ", d.documentDate().toString());
        r.put("BLYJ", d.opinion());
        return row(DECISION_DOCUMENT, r);
    }

    /** A processing-detail row; YWBS, its business key, names the project, the item and the event. */
    String detail(String code, String itemCode, String dept, String event, String blzt, String blyj, String blsj) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("YWBS", code + ":" + itemCode + ":" + event);
        r.put("XMDM", code);
        r.put("SPSXBM", itemCode);
        r.put("BLBM", dept);
        r.put("BLZT", blzt);
        r.put("BLYJ", blyj);
        r.put("BLSJ", blsj);
        return row(ITEM_DETAIL, r);
    }

    /** A time as the staging tables take it: ISO, Beijing offset (a record's time may have travelled as UTC). */
    static String beijing(OffsetDateTime t) {
        return t.atZoneSameInstant(ChinaTime.ZONE).toOffsetDateTime().toString();
    }
}
