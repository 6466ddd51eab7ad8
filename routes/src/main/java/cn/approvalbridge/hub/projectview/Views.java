package cn.approvalbridge.hub.projectview;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.support.Masking;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.support.ChinaTime;

/** The API's answers, masked for every system but the window that declared. */
@ApplicationScoped
public class Views {

    @Inject
    ObjectMapper json;

    @Inject
    cn.approvalbridge.hub.approval.ApprovalFlow approvalFlow;

    public Map<String, Object> declaration(Declarations.Row row, List<Declarations.Review> reviews, boolean unmasked) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("declarationId", row.declarationId());
        v.put("step", step(row.status()));
        v.put("status", row.status().name());
        if (row.projectCode() != null) {
            v.put("projectCode", row.projectCode());
        }
        v.put("projectName", row.projectName());
        v.put("receivedAt", time(row.receivedAt()));
        v.put("preReviewDueBy", row.preReviewDueBy().toString());
        List<Map<String, Object>> depts = new ArrayList<>();
        for (Declarations.Review r : reviews) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("departmentCode", r.departmentCode());
            d.put("status", r.status());
            d.put("dueBy", r.dueBy().toString());
            d.put("requestedAt", time(r.requestedAt()));
            d.put("decision", r.decision());
            d.put("opinion", r.opinion());
            d.put("answeredAt", time(r.answeredAt()));
            d.put("warnedAt", time(r.warnedAt()));
            d.put("escalatedAt", time(r.escalatedAt()));
            depts.add(d);
        }
        v.put("departments", depts);
        v.put("codeAssignedAt", time(row.codeAssignedAt()));
        v.put("platformRegisteredAt", time(row.platformRegisteredAt()));
        if (row.projectCode() != null) {
            v.put("approval", approval(row.projectCode()));
        }
        if (row.failure() != null) {
            v.put("failure", row.failure());
        }
        try {
            JsonNode body = json.readTree(row.body());
            v.put("declaration", unmasked ? body : Masking.maskDeclaration(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return v;
    }

    public Map<String, Object> trail(String projectCode, String declarationId, List<Trail.Entry> entries, boolean unmasked,
            Boolean valid) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("projectCode", projectCode);
        v.put("declarationId", declarationId);
        if (valid != null) {
            v.put("valid", valid);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Trail.Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.seq());
            m.put("recordedAt", time(e.recordedAt()));
            m.put("direction", e.direction());
            m.put("partner", e.partner());
            m.put("kind", e.kind());
            m.put("payloadSha256", e.payloadSha256());
            m.put("prevSha256", e.prevSha256());
            m.put("entrySha256", e.entrySha256());
            m.put("payload", unmasked ? e.payload() : Masking.maskText(e.payload()));
            if (e.purgedAt() != null) {
                m.put("purgedAt", time(e.purgedAt()));
            }
            list.add(m);
        }
        v.put("entries", list);
        return v;
    }

    /** Steps 4-7: stage (earliest with an undecided item), each department's item list, each item and its deadline. */
    public Map<String, Object> approval(String code) {
        var items = approvalFlow.items(code);
        var lists = approvalFlow.lists(code);
        Map<String, Object> a = new LinkedHashMap<>();
        boolean listsDone = !lists.isEmpty() && lists.stream().noneMatch(l -> "PENDING".equals(l.status()));
        boolean allDecided = listsDone && items.stream().allMatch(cn.approvalbridge.hub.approval.ApprovalItems.Item::decided);
        a.put("step", lists.isEmpty() ? null : !listsDone ? "PARALLEL_PRELIMINARY_REVIEW"
                : allDecided ? "COMPLETED" : items.stream().anyMatch(i -> i.acceptedAt() != null) ? "APPROVAL" : "WINDOW_ACCEPTANCE");
        a.put("stage", cn.approvalbridge.hub.approval.ApprovalItems.stage(items));
        List<Map<String, Object>> ls = new ArrayList<>();
        for (var l : lists) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("departmentCode", l.departmentCode());
            m.put("status", l.status());
            m.put("dueBy", l.dueBy().toString());
            m.put("answeredAt", time(l.answeredAt()));
            m.put("warnedAt", time(l.warnedAt()));
            m.put("escalatedAt", time(l.escalatedAt()));
            ls.add(m);
        }
        a.put("itemLists", ls);
        List<Map<String, Object>> is = new ArrayList<>();
        for (var i : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("itemCode", i.itemCode());
            m.put("itemName", i.itemName());
            m.put("departmentCode", i.departmentCode());
            m.put("stage", i.stage());
            m.put("timeLimitDays", i.timeLimitDays());
            m.put("prerequisites", i.prerequisites());
            m.put("status", i.status());
            m.put("reviewDueBy", i.reviewDueBy() == null ? null : i.reviewDueBy().toString());
            m.put("reviewWarnedAt", time(i.reviewWarnedAt()));
            m.put("reviewEscalatedAt", time(i.reviewEscalatedAt()));
            m.put("pausedWorkingDays", i.pausedDays());
            m.put("returnCount", i.returnCount());
            m.put("returnReasons", i.returnReasons());
            m.put("dueBy", i.dueBy() == null ? null : i.dueBy().toString());
            m.put("waitingForPrerequisites", i.decided() ? List.of() : i.pendingPrerequisites(items));
            m.put("warnedAt", time(i.warnedAt()));
            m.put("escalatedAt", time(i.escalatedAt()));
            m.put("decision", i.decision());
            m.put("documentNumber", i.documentNumber());
            m.put("documentDate", i.documentDate() == null ? null : i.documentDate().toString());
            m.put("decidedBy", i.decidedBy());
            is.add(m);
        }
        a.put("items", is);
        return a;
    }

    static String step(Declarations.Status s) {
        return switch (s) {
            case PRE_REVIEW, PRE_REVIEW_REJECTED -> "PRE_REVIEW";
            case CODE_ASSIGNMENT, CODE_ASSIGNED, CODE_ASSIGNMENT_FAILED -> "CODE_ASSIGNMENT";
        };
    }

    static String time(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(ChinaTime.ZONE).toOffsetDateTime().toString();
    }
}
