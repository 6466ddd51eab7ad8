package cn.approvalbridge.hub.approval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.prereview.ProjectSection;
import cn.approvalbridge.support.ChinaTime;

/** The "approval" section of a coded project's view. */
@ApplicationScoped
public class ApprovalView implements ProjectSection {

    @Inject
    ApprovalFlow approvalFlow;

    @Override
    public String name() {
        return "approval";
    }

    @Override
    public Object view(String code) {
        return approval(code);
    }


    /** Steps 4-7: stage (earliest with an undecided item), each department's item list, each item and its deadline. */
    public Map<String, Object> approval(String code) {
        var items = approvalFlow.items(code);
        var lists = approvalFlow.lists(code);
        Map<String, Object> a = new LinkedHashMap<>();
        boolean listsDone = !lists.isEmpty() && lists.stream().noneMatch(l -> "PENDING".equals(l.status()));
        boolean allDecided = listsDone && items.stream().allMatch(ApprovalItems.Item::decided);
        a.put("step", lists.isEmpty() ? null : !listsDone ? "PARALLEL_PRELIMINARY_REVIEW"
                : allDecided ? "COMPLETED" : items.stream().anyMatch(i -> i.acceptedAt() != null) ? "APPROVAL" : "WINDOW_ACCEPTANCE");
        a.put("stage", ApprovalItems.stage(items));
        List<Map<String, Object>> ls = new ArrayList<>();
        for (var l : lists) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("departmentCode", l.departmentCode());
            m.put("status", l.status());
            m.put("dueBy", l.dueBy().toString());
            m.put("answeredAt", ChinaTime.text(l.answeredAt()));
            m.put("warnedAt", ChinaTime.text(l.warnedAt()));
            m.put("escalatedAt", ChinaTime.text(l.escalatedAt()));
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
            m.put("application", i.application());
            m.put("withdrawnAt", ChinaTime.text(i.withdrawnAt()));
            m.put("withdrawalReason", i.withdrawalReason());
            m.put("reviewDueBy", i.reviewDueBy() == null ? null : i.reviewDueBy().toString());
            m.put("reviewWarnedAt", ChinaTime.text(i.reviewWarnedAt()));
            m.put("reviewEscalatedAt", ChinaTime.text(i.reviewEscalatedAt()));
            m.put("pausedWorkingDays", i.pausedDays());
            m.put("returnCount", i.returnCount());
            m.put("returnReasons", i.returnReasons());
            m.put("dueBy", i.dueBy() == null ? null : i.dueBy().toString());
            m.put("waitingForPrerequisites", i.decided() ? List.of() : i.pendingPrerequisites(items));
            m.put("warnedAt", ChinaTime.text(i.warnedAt()));
            m.put("escalatedAt", ChinaTime.text(i.escalatedAt()));
            m.put("decision", i.decision());
            m.put("documentNumber", i.documentNumber());
            m.put("documentDate", i.documentDate() == null ? null : i.documentDate().toString());
            m.put("decidedBy", i.decidedBy());
            is.add(m);
        }
        a.put("items", is);
        return a;
    }
}
