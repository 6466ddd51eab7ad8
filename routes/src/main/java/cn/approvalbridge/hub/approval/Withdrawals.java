package cn.approvalbridge.hub.approval;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.approval.ApprovalFlow.Outcome;
import cn.approvalbridge.hub.approval.ApprovalFlow.Result;
import cn.approvalbridge.hub.approval.ApprovalItems.Item;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemWithdrawn;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.Db;

/**
 * 撤回: the unit, through the window, withdraws an item's application before it is decided. The item leaves the
 * department's work (told by a WITHDRAWAL message) and every clock on it stops (the deadline watches look only at
 * SUBMITTED and ACCEPTED items); the staging tables get its BLZT 14 row. A withdrawn item keeps the project open until
 * it is applied for again (materials naming it: a new application) and decided.
 */
@ApplicationScoped
public class Withdrawals {

    @Inject
    Db db;
    @Inject
    ApprovalFlow flow;
    @Inject
    Trail trail;
    @Inject
    Deadlines deadlines;

    public Result withdraw(String code, String itemCode, String reason, String canonical) {
        return db.inTransaction(c -> {
            Declarations.Row row = ApprovalFlow.lockProject(c, code);
            if (row == null) {
                return Result.of(Outcome.NOT_FOUND, "no project " + code);
            }
            Item i = ApprovalItems.items(c, code).stream().filter(x -> x.itemCode().equals(itemCode)).findFirst()
                    .orElse(null);
            if (i == null) {
                return Result.of(Outcome.NOT_REQUESTED, "item " + itemCode + " is not on project " + code + "'s list");
            }
            if (Item.WITHDRAWN.equals(i.status())) {
                return Result.of(reason.equals(i.withdrawalReason()) ? Outcome.SAME : Outcome.CONFLICT,
                        "application " + i.application() + " of item " + itemCode + " was already withdrawn");
            }
            if (i.decided()) {
                return Result.of(Outcome.WRONG_STATE, "item " + itemCode + " was already decided (" + i.decision() + ")");
            }
            if ("LISTED".equals(i.status())) {
                return Result.of(Outcome.WRONG_STATE, "item " + itemCode + " has no application yet: no materials were "
                        + "handed in for it");
            }
            OffsetDateTime at = deadlines.now().toOffsetDateTime();
            Db.update(c, "UPDATE hub_project_item SET status = ?, withdrawn_at = ?, withdrawal_reason = ? "
                    + "WHERE project_code = ? AND item_code = ?", Item.WITHDRAWN, at, reason, code, itemCode);
            trail.append(c, row.declarationId(), "IN", "window", "WITHDRAWAL", canonical);
            ItemWithdrawn w = new ItemWithdrawn(code, itemCode, i.itemName(), i.departmentCode(), i.application(),
                    reason, at);
            return new Result(Outcome.CREATED, null, List.of(flow.handOver(c, Queues.STAGING, w),
                    flow.handOver(c, Queues.DEPARTMENT_APPROVAL, w)));
        });
    }
}
