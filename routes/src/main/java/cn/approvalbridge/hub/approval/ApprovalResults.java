package cn.approvalbridge.hub.approval;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.approvalbridge.hub.approval.ApprovalFlow.Outcome;
import cn.approvalbridge.hub.approval.ApprovalFlow.Result;
import cn.approvalbridge.hub.approval.ApprovalItems.Item;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemDecided;
import cn.approvalbridge.hub.approval.ApprovalRecords.PrerequisiteDecided;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.Db;

/**
 * Steps 6 and 7: an item's decision, from its department (API) or from the project approval system (staging pickup).
 * It goes to the staging tables, to the investment platform and to the departments whose items need it (法定前置); the
 * last one tells the unit where to collect its results.
 */
@ApplicationScoped
public class ApprovalResults {

    @Inject
    Db db;
    @Inject
    ApprovalFlow flow;
    @Inject
    Trail trail;
    @Inject
    Deadlines deadlines;

    @ConfigProperty(name = "hub.window.place")
    String place;

    /** {@code dept} null: the decision of the project approval system, for any department's item. */
    public Result decide(String code, String dept, String itemCode, String decision, String documentNumber,
            LocalDate documentDate, String opinion, String source, String canonical) {
        return db.inTransaction(c -> {
            Declarations.Row row = ApprovalFlow.lockProject(c, code);
            if (row == null) {
                return Result.of(Outcome.NOT_FOUND, "no project " + code);
            }
            List<Item> items = ApprovalItems.items(c, code);
            Item i = items.stream().filter(x -> x.itemCode().equals(itemCode)).findFirst().orElse(null);
            if (i == null) {
                return Result.of(Outcome.NOT_REQUESTED, "item " + itemCode + " is not on project " + code + "'s list");
            }
            if (dept != null && !i.departmentCode().equals(dept)) {
                return Result.of(Outcome.NOT_YOUR_ITEM, "item " + itemCode + " belongs to department " + i.departmentCode());
            }
            if (i.decided()) {
                boolean same = i.decision().equals(decision) && Objects.equals(i.documentNumber(), documentNumber);
                return Result.of(same ? Outcome.SAME : Outcome.CONFLICT, "item " + itemCode + " was already decided");
            }
            if (!"ACCEPTED".equals(i.status())) {
                return Result.of(Outcome.WRONG_STATE, "item " + itemCode + " is " + i.status() + ": its materials are not accepted yet");
            }
            // the department decides once the prerequisite's result has reached it: approved, or refused (then it decides
            // knowing that); a prerequisite not on this project's list binds nothing (its department found it not needed)
            List<String> pending = i.pendingPrerequisites(items);
            if (!pending.isEmpty()) {
                return Result.of(Outcome.PREREQUISITE_PENDING, "item " + itemCode + " may be decided only after its "
                        + "prerequisite(s) " + String.join(", ", pending) + " are decided");
            }
            OffsetDateTime at = deadlines.now().toOffsetDateTime();
            Db.update(c, "UPDATE hub_project_item SET status = ?, decision = ?, document_number = ?, document_date = ?, "
                    + "opinion = ?, decided_by = ?, decided_at = ? WHERE project_code = ? AND item_code = ?", decision,
                    decision, documentNumber, documentDate, opinion, source, at, code, itemCode);
            trail.append(c, row.declarationId(), "IN", source, "APPROVAL_RESULT", canonical);
            List<Outbox.Message> out = new ArrayList<>();
            ItemDecided decided = new ItemDecided(code, itemCode, i.itemName(), i.departmentCode(), decision,
                    documentNumber, documentDate, opinion, source, at, i.application());
            out.add(flow.handOver(c, Queues.STAGING, decided));
            out.add(flow.handOver(c, Queues.PLATFORM_RESULTS, decided));
            for (Item next : items) {
                if (next.prerequisites().contains(itemCode)) {
                    out.add(flow.handOver(c, Queues.DEPARTMENT_APPROVAL,
                            new PrerequisiteDecided(next.departmentCode(), List.of(next.itemCode()), decided)));
                    // the department could not decide before this result reached it: its time limit counts from today
                    // when that is later than from its acceptance (it is not warned while a prerequisite is pending)
                    // (items was read before this decision: this item is the only prerequisite still undecided, if any)
                    if ("ACCEPTED".equals(next.status())
                            && next.pendingPrerequisites(items).stream().allMatch(itemCode::equals)) {
                        Deadlines.Limits limits = deadlines.limits(deadlines.now(), next.timeLimitDays());
                        if (next.dueBy() == null || limits.dueBy().isAfter(next.dueBy())) {
                            Db.update(c, "UPDATE hub_project_item SET due_by = ?, warn_on = ? WHERE project_code = ? "
                                    + "AND item_code = ?", limits.dueBy(), limits.warnOn(), code, next.itemCode());
                        }
                    }
                }
            }
            if (items.stream().allMatch(x -> x.itemCode().equals(itemCode) || x.decided())) {
                trail.append(c, row.declarationId(), "HUB", "hub", "RESULTS_READY", "{\"items\":" + items.size() + "}");
                // after an item was applied for again, its new result is news again: the id counts the applications
                int applications = items.stream().mapToInt(Item::application).sum();
                out.add(flow.noticeToUnit(c, row, "RESULTS_READY:" + code
                        + (applications > items.size() ? ":" + applications : ""), "RESULTS_READY", Map.of("place", place)));
            }
            return new Result(Outcome.CREATED, null, out);
        });
    }
}
