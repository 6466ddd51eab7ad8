package cn.approvalbridge.hub.partners.projectapproval;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
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
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemReceived;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemWithdrawn;
import cn.approvalbridge.hub.approval.ApprovalRecords.ProjectCoded;
import cn.approvalbridge.hub.commitment.CommitmentRecords;
import cn.approvalbridge.hub.commitment.Shortfalls;
import cn.approvalbridge.hub.commitment.CommitmentRecords.ItemRevoked;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.support.ChinaTime;

/**
 * The staging tables' rows (SPGL_*, the exchange standard's columns and codes) for what hub.staging carries: a record
 * of the approval flow, or a row already made (a utility status change, see UtilityStagingHook; a dead letter
 * replayed). A row travels to StagingWriter as {"table", "project", "columns"}; DFSJZJ, the row's own key, is made
 * from the business key, so the same fact always lands on the same row. Item rows come after the process-definition
 * rows they refer to (StagingCatalogue). Times are Beijing local time, dates yyyy-MM-dd.
 */
@ApplicationScoped
public class StagingRows {

    static final String PROCESS = "SPGL_DFXMSPLCXXB";
    static final String STAGE = "SPGL_DFXMSPLCJDXXB";
    static final String STAGE_ITEM = "SPGL_DFXMSPLCJDSXXXB";
    static final String PROJECT = "SPGL_XMJBXXB";
    static final String UNIT = "SPGL_XMDWXXB";
    static final String ITEM = "SPGL_XMSPSXBLXXB";
    static final String ITEM_DETAIL = "SPGL_XMSPSXBLXXXXB";
    static final String DECISION_DOCUMENT = "SPGL_XMSPSXPFWJXXB";
    static final List<String> TABLES = List.of(PROCESS, STAGE, STAGE_ITEM, PROJECT, UNIT, ITEM, ITEM_DETAIL,
            DECISION_DOCUMENT);
    /** The tables of one project's rows (by XMDM or GCDM). */
    static final List<String> PROJECT_TABLES = List.of(PROJECT, UNIT, ITEM, ITEM_DETAIL, DECISION_DOCUMENT);

    @Inject
    ObjectMapper json;
    @Inject
    StagingConfig config;
    @Inject
    StagingCatalogue catalogue;
    @Inject
    Shortfalls shortfalls;

    /** The rows one message on hub.staging stands for, each written on its own (once, by its DFSJZJ). */
    public List<String> rows(String body) {
        JsonNode n;
        ApprovalRecord record;
        try {
            n = json.readTree(body);
            if (n.has("table")) {
                return List.of(body);
            }
            if (n.has(CommitmentRecords.REVOKED)) {
                ItemRevoked r = json.treeToValue(n.get(CommitmentRecords.REVOKED), ItemRevoked.class);
                StagingCatalogue.Item item = catalogue.known(r.itemCode(), r.departmentCode());
                // the revocation ends the application that was approved (records before applications were counted: the first)
                return List.of(detail(r.projectCode(), Math.max(1, r.application()), item, SpglCodes.REVOKED, String.valueOf(SpglCodes.REVOKED),
                        "dept-" + r.departmentCode(), r.reasons(), r.revokedAt()));
            }
            record = json.treeToValue(n, ApprovalRecord.class);
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("not a staging message: " + e.getOriginalMessage());
        }
        if (record instanceof ProjectCoded p) {
            return List.of(project(p), unit(p));
        }
        if (record instanceof ItemReceived r) {
            return item(r.projectCode(), r.application(), catalogue.item(r.itemCode(), r.itemName(), r.stage(),
                    r.departmentCode(), r.timeLimitDays()), SpglCodes.RECEIVED, "1", "window", null, r.receivedAt());
        }
        if (record instanceof ItemAccepted a) {
            return item(a.projectCode(), a.application(), catalogue.item(a.itemCode(), a.itemName(), a.stage(),
                    a.departmentCode(), a.timeLimitDays()), SpglCodes.ACCEPTED, "3", "dept-" + a.departmentCode(), null,
                    a.acceptedAt());
        }
        if (record instanceof ItemEvent e) {
            boolean returned = e.event() == ItemEventType.RETURNED;
            int blzt = returned ? SpglCodes.CORRECTION_START : SpglCodes.CORRECTION_END;
            StagingCatalogue.Item item = catalogue.known(e.itemCode(), e.departmentCode());
            return List.of(detail(e.projectCode(), e.application(), item, blzt, blzt + "-" + e.round(),
                    returned ? "dept-" + e.departmentCode() : "window", e.reasons(), e.at()));
        }
        if (record instanceof ItemWithdrawn w) {
            StagingCatalogue.Item item = catalogue.known(w.itemCode(), w.departmentCode());
            return List.of(detail(w.projectCode(), w.application(), item, SpglCodes.WITHDRAWN,
                    String.valueOf(SpglCodes.WITHDRAWN), "window", w.reason(), w.withdrawnAt()));
        }
        if (record instanceof ItemDecided d) {
            // a decision taken in the project approval system is in its tables already, written by it
            if (d.fromProjectApprovalSystem()) {
                return List.of();
            }
            boolean approved = "APPROVED".equals(d.decision());
            int blzt = !approved ? SpglCodes.DONE_DISAPPROVED
                    : shortfalls.acceptedShort(d.projectCode(), d.itemCode()) ? SpglCodes.DONE_APPROVED_SHORTFALL
                            : SpglCodes.DONE_APPROVED;
            StagingCatalogue.Item item = catalogue.known(d.itemCode(), d.departmentCode());
            String detail = detail(d.projectCode(), d.application(), item, blzt, String.valueOf(blzt), "dept-" + d.departmentCode(),
                    d.opinion(), d.decidedAt());
            return approved ? List.of(detail, document(d, item)) : List.of(detail);
        }
        throw new PermanentFailure("not a record for the staging tables: " + record.getClass().getSimpleName());
    }

    /** The message body of one row of project {@code xmdm} (null: a process-definition row). */
    public String row(String table, String xmdm, Map<String, Object> columns) {
        ObjectNode n = json.createObjectNode();
        n.put("table", table);
        if (xmdm != null) {
            n.put("project", xmdm);
        }
        n.set("columns", json.valueToTree(columns));
        return n.toString();
    }

    String gcdm(String xmdm) {
        return xmdm + config.engineeringCodeSuffix();
    }

    /**
     * SPSXSLBM: application {@code application} of the item on this project's 工程. The first keeps the key it always
     * had; one after a withdrawal or a refusal gets its own (-2, -3, ...), so the province sees a new application.
     */
    String spsxslbm(String xmdm, String itemCode, int application) {
        return gcdm(xmdm) + "-" + itemCode + (application > 1 ? "-" + application : "");
    }

    String key(String kind, String rest) {
        return config.keyPrefix() + kind + "-" + rest;
    }

    private String project(ProjectCoded p) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("DFSJZJ", key("XM", p.projectCode()));
        r.put("XMDM", p.projectCode());
        r.put("GCDM", gcdm(p.projectCode()));
        r.put("GCFW", p.projectName());
        r.put("XMMC", p.projectName());
        r.put("SPLCLX", config.process().type());
        r.put("LXLX", SpglCodes.lxlx(p.approvalClass()));
        r.put("JSXZ", SpglCodes.jsxz(p.constructionNature()));
        r.put("NKGSJ", YearMonth.parse(p.plannedStart()).atDay(1).toString());
        r.put("NJCSJ", YearMonth.parse(p.plannedFinish()).atEndOfMonth().toString());
        r.put("ZTZE", p.totalInvestment());
        r.put("JSDDXZQH", p.regionCode());
        r.put("JSDD", p.site());
        r.put("JSGMJNR", p.scale());
        r.put("SBSJ", p.receivedOn().atStartOfDay().toString());
        r.put("SPLCBM", config.process().code());
        r.put("SPLCBBH", config.process().version());
        return row(PROJECT, p.projectCode(), r);
    }

    private String unit(ProjectCoded p) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("DFSJZJ", key("DW", p.projectCode() + "-" + p.unit().creditCode()));
        r.put("XMDM", p.projectCode());
        r.put("GCDM", gcdm(p.projectCode()));
        r.put("DWTYSHXYDM", p.unit().creditCode());
        r.put("DWMC", p.unit().name());
        r.put("DWLX", SpglCodes.UNIT_BUILDER);
        return row(UNIT, p.projectCode(), r);
    }

    /** The item's definition rows, its processing row (once), and the detail row of state {@code blzt}. */
    List<String> item(String xmdm, int application, StagingCatalogue.Item item, int blzt, String event, String by,
            String opinion, OffsetDateTime at) {
        List<String> out = new ArrayList<>(catalogue.definitionRows(item));
        Map<String, Object> r = new LinkedHashMap<>();
        String sl = spsxslbm(xmdm, item.code(), application);
        r.put("DFSJZJ", key("SL", sl));
        r.put("GCDM", gcdm(xmdm));
        r.put("SPSXBM", item.code());
        r.put("SPSXBBH", item.version());
        r.put("SPLCBM", config.process().code());
        r.put("SPLCBBH", config.process().version());
        r.put("SPSXSLBM", sl);
        r.put("SPBMBM", item.departmentCode());
        r.put("SPBMMC", item.departmentName());
        r.put("SLFS", config.applicationMode());
        r.put("GKFS", SpglCodes.PUBLISHED);
        r.put("SXBLSX", item.timeLimitDays());
        out.add(row(ITEM, xmdm, r));
        out.add(detail(xmdm, application, item, blzt, event, by, opinion, at));
        return out;
    }

    /** A processing-detail row: one per state change of the item's application ({@code event} tells them apart). */
    String detail(String xmdm, int application, StagingCatalogue.Item item, int blzt, String event, String by,
            String opinion, OffsetDateTime at) {
        Map<String, Object> r = new LinkedHashMap<>();
        String sl = spsxslbm(xmdm, item.code(), application);
        r.put("DFSJZJ", key("ZT", sl + "-" + event));
        r.put("GCDM", gcdm(xmdm));
        r.put("SPSXSLBM", sl);
        r.put("BLCS", item.departmentName());
        r.put("BLR", by);
        r.put("BLZT", blzt);
        r.put("BLYJ", opinion);
        r.put("BLSJ", beijing(at).toString());
        return row(ITEM_DETAIL, xmdm, r);
    }

    private String document(ItemDecided d, StagingCatalogue.Item item) {
        Map<String, Object> r = new LinkedHashMap<>();
        String sl = spsxslbm(d.projectCode(), d.itemCode(), d.application());
        r.put("DFSJZJ", key("WJ", sl));
        r.put("GCDM", gcdm(d.projectCode()));
        r.put("SPSXSLBM", sl);
        r.put("PFRQ", d.documentDate().toString());
        r.put("PFWH", d.documentNumber());
        r.put("PFWJBT", item.name() + "批复");
        // the flow's results name no validity: unlimited, as the standard writes it
        r.put("PFWJYXQX", SpglCodes.UNLIMITED);
        return row(DECISION_DOCUMENT, d.projectCode(), r);
    }

    /** A time as the staging tables take it: Beijing local time (a record's time may have travelled as UTC). */
    static LocalDateTime beijing(OffsetDateTime t) {
        return t.atZoneSameInstant(ChinaTime.ZONE).toLocalDateTime();
    }

    static LocalDate beijingDate(OffsetDateTime t) {
        return beijing(t).toLocalDate();
    }
}
