package cn.approvalbridge.hub.approval;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.approvalbridge.hub.approval.ApprovalFlow.Outcome;
import cn.approvalbridge.hub.approval.ApprovalFlow.Result;
import cn.approvalbridge.hub.approval.ApprovalItems.Item;
import cn.approvalbridge.hub.approval.ApprovalRecords.Document;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemAccepted;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemEvent;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemEventType;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemReceived;
import cn.approvalbridge.hub.approval.ApprovalRecords.MaterialsToReview;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.support.WorkingCalendar;

/**
 * Step 5: the unit hands in its materials through the window, each department reviews those of its items: accepted
 * (the item's time limit starts), or returned for correction (补正: the review clock stands still until they come back).
 */
@ApplicationScoped
public class MaterialReviews {

    @Inject
    Db db;
    @Inject
    ApprovalFlow flow;
    @Inject
    Trail trail;
    @Inject
    Deadlines deadlines;
    @Inject
    WorkingCalendar calendar;

    @ConfigProperty(name = "hub.deadlines.material-review-working-days")
    int reviewDays;

    public Result materials(String code, String submissionId, List<String> itemCodes, List<Document> documents,
            String canonical) {
        return db.inTransaction(c -> {
            Declarations.Row row = ApprovalFlow.lockProject(c, code);
            if (row == null) {
                return Result.of(Outcome.NOT_FOUND, "no project " + code);
            }
            var earlier = Db.one(c, "SELECT body_sha256 FROM hub_material_submission WHERE submission_id = ?",
                    rs -> rs.getString(1), submissionId);
            if (earlier.isPresent()) {
                return Result.of(earlier.get().equals(Trail.sha256(canonical)) ? Outcome.SAME : Outcome.CONFLICT,
                        "submission " + submissionId + " was already received with a different body");
            }
            if (ApprovalItems.lists(c, code).stream().anyMatch(l -> "PENDING".equals(l.status()))) {
                return Result.of(Outcome.WRONG_STATE, "not every department has given its item list yet");
            }
            List<Item> items = ApprovalItems.items(c, code).stream()
                    .filter(i -> itemCodes.isEmpty() || itemCodes.contains(i.itemCode())).toList();
            for (String ic : itemCodes) {
                if (items.stream().noneMatch(i -> i.itemCode().equals(ic))) {
                    return Result.of(Outcome.NOT_REQUESTED, "item " + ic + " is not on project " + code + "'s list");
                }
            }
            // a withdrawn or refused item is applied for again only when the window names it: a new application
            List<Item> open = items.stream().filter(i -> "LISTED".equals(i.status()) || "RETURNED".equals(i.status())
                    || (reapplicable(i) && itemCodes.contains(i.itemCode()))).toList();
            if (open.isEmpty()) {
                return Result.of(Outcome.WRONG_STATE, "no item of project " + code + " awaits materials");
            }
            for (Document d : documents) {
                if (d.itemCode() != null && open.stream().noneMatch(i -> i.itemCode().equals(d.itemCode()))) {
                    return Result.of(Outcome.NOT_REQUESTED, "document '" + d.name() + "' is for item " + d.itemCode()
                            + ", which this submission does not hand in materials for");
                }
            }
            ZonedDateTime now = deadlines.now();
            LocalDate receipt = deadlines.receiptDay(now);
            List<Outbox.Message> out = new ArrayList<>();
            Map<String, List<String>> byDept = new LinkedHashMap<>();
            Map<String, LocalDate> reviewDue = new LinkedHashMap<>();
            for (Item i : open) {
                Deadlines.Limits limits;
                int paused = i.pausedDays();
                if ("RETURNED".equals(i.status())) {
                    // the clock stood still while the materials were with the unit (补正): it restarts with the days left
                    paused += Math.max(0, calendar.workingDaysBetween(i.returnedOn(), receipt));
                    limits = deadlines.limitsFrom(receipt,
                            Math.max(1, i.reviewDaysLeft() == null ? reviewDays : i.reviewDaysLeft()));
                } else {
                    limits = deadlines.limitsFrom(receipt, reviewDays);
                }
                int application = i.application();
                if (reapplicable(i)) {
                    application++;
                    reopen(c, code, i.itemCode(), application);
                    paused = 0;
                }
                // a resubmission opens a new review period: its own warning and escalation
                Db.update(c, "UPDATE hub_project_item SET status = 'SUBMITTED', submitted_at = ?, review_due_by = ?, "
                        + "review_warn_on = ?, review_warned_at = NULL, review_escalated_at = NULL, paused_days = ? "
                        + "WHERE project_code = ? AND item_code = ?", now.toOffsetDateTime(), limits.dueBy(),
                        limits.warnOn(), paused, code, i.itemCode());
                byDept.computeIfAbsent(i.departmentCode(), k -> new ArrayList<>()).add(i.itemCode());
                reviewDue.merge(i.departmentCode(), limits.dueBy(), (a, b) -> a.isAfter(b) ? a : b);
                if ("RETURNED".equals(i.status())) {
                    out.add(flow.handOver(c, Queues.STAGING, new ItemEvent(code, i.itemCode(), i.departmentCode(),
                            ItemEventType.RESUBMITTED, i.returnCount(), null, now.toOffsetDateTime(), application)));
                } else {
                    out.add(flow.handOver(c, Queues.STAGING, new ItemReceived(code, i.itemCode(), i.itemName(),
                            i.stage(), i.departmentCode(), i.timeLimitDays(), now.toOffsetDateTime(), application)));
                }
            }
            Db.update(c, "INSERT INTO hub_material_submission (submission_id, project_code, body_sha256, item_codes, "
                    + "received_at) VALUES (?, ?, ?, ?, ?)", submissionId, code, Trail.sha256(canonical),
                    String.join(",", open.stream().map(Item::itemCode).toList()), now.toOffsetDateTime());
            trail.append(c, row.declarationId(), "IN", "window", "MATERIALS", canonical);
            for (var e : byDept.entrySet()) {
                // each department gets the documents for its items, and those handed in for every item
                List<Document> theirs = documents.stream()
                        .filter(d -> d.itemCode() == null || e.getValue().contains(d.itemCode())).toList();
                out.add(flow.handOver(c, Queues.DEPARTMENT_APPROVAL, new MaterialsToReview(code, e.getKey(), submissionId,
                        e.getValue(), reviewDue.get(e.getKey()), theirs)));
            }
            return new Result(Outcome.CREATED, null, out);
        });
    }

    private static boolean reapplicable(Item i) {
        return Item.WITHDRAWN.equals(i.status()) || "DISAPPROVED".equals(i.status());
    }

    /** The item's row starts its next application: nothing of the last one's review, clocks or decision is kept. */
    private static void reopen(Connection c, String code, String itemCode, int application) throws SQLException {
        Db.update(c, "UPDATE hub_project_item SET application_no = ?, decision = NULL, document_number = NULL, "
                + "document_date = NULL, opinion = NULL, decided_by = NULL, decided_at = NULL, accepted_at = NULL, "
                + "due_by = NULL, warn_on = NULL, warned_at = NULL, escalated_at = NULL, returned_on = NULL, "
                + "review_days_left = NULL, return_count = 0, return_reasons = NULL, withdrawn_at = NULL, "
                + "withdrawal_reason = NULL WHERE project_code = ? AND item_code = ?", application, code, itemCode);
    }

    /** An event id of the item's current application: the first keeps the ids it always had. */
    static String ofApplication(Item i) {
        return i.itemCode() + (i.application() > 1 ? "-" + i.application() : "");
    }

    public Result review(String code, String dept, String itemCode, String decision, String reasons, String canonical) {
        return db.inTransaction(c -> {
            Declarations.Row row = ApprovalFlow.lockProject(c, code);
            if (row == null) {
                return Result.of(Outcome.NOT_FOUND, "no project " + code);
            }
            Item i = ApprovalItems.items(c, code).stream().filter(x -> x.itemCode().equals(itemCode)).findFirst().orElse(null);
            if (i == null) {
                return Result.of(Outcome.NOT_REQUESTED, "item " + itemCode + " is not on project " + code + "'s list");
            }
            if (!i.departmentCode().equals(dept)) {
                return Result.of(Outcome.NOT_YOUR_ITEM, "item " + itemCode + " belongs to department " + i.departmentCode());
            }
            if (!"SUBMITTED".equals(i.status())) {
                boolean same = ("ACCEPTED".equals(decision) && i.acceptedAt() != null)
                        || ("RETURNED".equals(decision) && "RETURNED".equals(i.status()) && reasons.equals(i.returnReasons()));
                return Result.of(same ? Outcome.SAME : Outcome.WRONG_STATE,
                        "item " + itemCode + " is " + i.status() + ", not awaiting a review");
            }
            ZonedDateTime now = deadlines.now();
            OffsetDateTime at = now.toOffsetDateTime();
            LocalDate today = now.toLocalDate();
            List<Outbox.Message> out = new ArrayList<>();
            if ("ACCEPTED".equals(decision)) {
                Deadlines.Limits limits = deadlines.limits(now, i.timeLimitDays());
                LocalDate due = limits.dueBy();
                Db.update(c, "UPDATE hub_project_item SET status = 'ACCEPTED', accepted_at = ?, due_by = ?, warn_on = ? "
                        + "WHERE project_code = ? AND item_code = ?", at, due, limits.warnOn(), code, itemCode);
                out.add(flow.handOver(c, Queues.STAGING, new ItemAccepted(code, row.regionCode(), itemCode, i.itemName(),
                        i.stage(), dept, i.timeLimitDays(), at, i.application())));
                out.add(flow.noticeToUnit(c, row, "MATERIALS_ACCEPTED:" + code + ":" + ofApplication(i), "MATERIALS_ACCEPTED",
                        Map.of("itemName", i.itemName(), "deadline", due.toString())));
            } else {
                int left = i.reviewDueBy() == null ? reviewDays
                        : Math.max(1, calendar.workingDaysBetween(today, i.reviewDueBy()));
                int n = i.returnCount() + 1;
                Db.update(c, "UPDATE hub_project_item SET status = 'RETURNED', returned_on = ?, review_days_left = ?, "
                        + "return_count = ?, return_reasons = ? WHERE project_code = ? AND item_code = ?", today, left, n,
                        reasons, code, itemCode);
                out.add(flow.handOver(c, Queues.STAGING, new ItemEvent(code, itemCode, i.departmentCode(),
                        ItemEventType.RETURNED, n, reasons, at, i.application())));
                out.add(flow.noticeToUnit(c, row, "MATERIALS_RETURNED:" + code + ":" + ofApplication(i) + ":" + n,
                        "MATERIALS_RETURNED", Map.of("itemName", i.itemName(), "reasons", reasons)));
            }
            trail.append(c, row.declarationId(), "IN", "dept-" + dept, "MATERIAL_REVIEW", canonical);
            return new Result(Outcome.CREATED, null, out);
        });
    }
}
