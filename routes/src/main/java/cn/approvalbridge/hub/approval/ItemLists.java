package cn.approvalbridge.hub.approval;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.approval.ApprovalFlow.Outcome;
import cn.approvalbridge.hub.approval.ApprovalFlow.Result;
import cn.approvalbridge.hub.approval.ApprovalItems.Item;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemListRequested;
import cn.approvalbridge.hub.approval.ApprovalRecords.ProjectCoded;
import cn.approvalbridge.hub.approval.ApprovalRecords.Unit;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.notification.SmsText;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;

/** Step 4: the coded project's departments are asked for their required items, and answer with their lists. */
@ApplicationScoped
public class ItemLists {

    /** The longest item list an ITEM_LIST_READY SMS names, in characters. */
    static final int MAX_ITEMS = 300;

    public record NewItem(String itemCode, String itemName, int timeLimitDays, String stage, List<String> prerequisites) {
    }

    @Inject
    Db db;
    @Inject
    ApprovalFlow flow;
    @Inject
    Trail trail;
    @Inject
    Deadlines deadlines;
    @Inject
    Departments departments;
    @Inject
    ObjectMapper json;
    @Inject
    Instance<ItemListExtension> extensions;

    @ConfigProperty(name = "hub.deadlines.item-list-working-days")
    int itemListDays;

    /**
     * The project is coded: the departments that pre-reviewed it get an item-list request, the project approval system
     * the project as declared. [queue, body] pairs, sent with the consumption of the coded message.
     */
    public List<String[]> projectCoded(String body) throws Exception {
        String id = json.readTree(body).path("declarationId").asText();
        return db.inTransaction(c -> {
            Declarations.Row row = Declarations.lock(c, id).orElseThrow(() -> new PermanentFailure("unknown declaration " + id));
            String code = row.projectCode();
            if (code == null) {
                throw new PermanentFailure("declaration " + id + " has no code");
            }
            List<ApprovalItems.ItemList> lists = ApprovalItems.lists(c, code);
            if (lists.isEmpty()) {
                Deadlines.Limits limits = deadlines.limits(deadlines.now(), itemListDays);
                for (Declarations.Review r : Declarations.reviews(c, id)) {
                    Db.update(c, "INSERT INTO hub_item_list (project_code, department_code, declaration_id, status, due_by, "
                            + "warn_on) VALUES (?, ?, ?, 'PENDING', ?, ?)", code, r.departmentCode(), id, limits.dueBy(),
                            limits.warnOn());
                }
                lists = ApprovalItems.lists(c, code);
            }
            List<String[]> out = new ArrayList<>();
            for (ApprovalItems.ItemList l : lists) {
                if ("PENDING".equals(l.status())) {
                    out.add(new String[] { Queues.DEPARTMENT_APPROVAL,
                            flow.text(new ItemListRequested(code, l.departmentCode(), l.dueBy())) });
                }
            }
            out.add(new String[] { Queues.STAGING, flow.text(coded(row, declaration(row))) });
            return out;
        });
    }

    private JsonNode declaration(Declarations.Row row) {
        try {
            return json.readTree(row.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("declaration " + row.declarationId() + " is not JSON", e);
        }
    }

    private static ProjectCoded coded(Declarations.Row row, JsonNode d) {
        JsonNode unit = d.path("unit");
        return new ProjectCoded(row.projectCode(), row.regionCode(), row.projectName(),
                d.path("totalInvestment").decimalValue(), d.path("site").asText(), d.path("approvalClass").asText(),
                d.path("constructionNature").asText(), d.path("plannedStart").asText(), d.path("plannedFinish").asText(),
                d.path("scale").asText(), row.receivedAt().atZoneSameInstant(ChinaTime.ZONE).toLocalDate(),
                new Unit(unit.path("creditCode").asText(), unit.path("name").asText(), unit.path("contactName").asText(),
                        unit.path("contactMobile").asText()));
    }

    /** A department's list (empty: none of its items is needed); the last list tells the unit which items it needs. */
    public Result itemList(String code, String dept, List<NewItem> items, String canonical) {
        return itemList(code, dept, items, Map.of(), canonical);
    }

    /** The list with what extensions read from it ({@link ItemListExtension}, by field), stored in its transaction. */
    public Result itemList(String code, String dept, List<NewItem> items, Map<String, Object> extended, String canonical) {
        return db.inTransaction(c -> {
            Declarations.Row row = ApprovalFlow.lockProject(c, code);
            if (row == null) {
                return Result.of(Outcome.NOT_FOUND, "no project " + code);
            }
            var list = ApprovalItems.lists(c, code).stream().filter(l -> l.departmentCode().equals(dept)).findFirst();
            if (list.isEmpty()) {
                return Result.of(Outcome.NOT_REQUESTED, "department " + dept + " is not concerned by project " + code);
            }
            String sha = Trail.sha256(canonical);
            if (!"PENDING".equals(list.get().status())) {
                return Result.of(sha.equals(list.get().bodySha256()) ? Outcome.SAME : Outcome.CONFLICT,
                        "department " + dept + " already answered for " + code + " with another list");
            }
            List<Item> existing = ApprovalItems.items(c, code);
            for (NewItem i : items) {
                if (existing.stream().anyMatch(e -> e.itemCode().equals(i.itemCode()))) {
                    return Result.of(Outcome.CONFLICT, "item " + i.itemCode() + " is already listed by another department");
                }
            }
            OffsetDateTime at = deadlines.now().toOffsetDateTime();
            for (NewItem i : items) {
                Db.update(c, "INSERT INTO hub_project_item (project_code, item_code, department_code, item_name, "
                        + "time_limit_days, stage, prerequisites, status, paused_days, return_count) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, 'LISTED', 0, 0)", code, i.itemCode(), dept, i.itemName(),
                        i.timeLimitDays(), i.stage(), String.join(",", i.prerequisites()));
            }
            for (ItemListExtension x : extensions) {
                if (extended.get(x.field()) != null) {
                    x.store(c, code, extended.get(x.field()));
                }
            }
            Db.update(c, "UPDATE hub_item_list SET status = ?, body_sha256 = ?, answered_at = ? WHERE project_code = ? "
                    + "AND department_code = ?", items.isEmpty() ? "NOT_NEEDED" : "LISTED", sha, at, code, dept);
            trail.append(c, row.declarationId(), "IN", "dept-" + dept, "ITEM_LIST", canonical);
            List<Outbox.Message> out = new ArrayList<>();
            if (ApprovalItems.lists(c, code).stream().noneMatch(l -> "PENDING".equals(l.status()))) {
                List<Item> all = ApprovalItems.items(c, code);
                StringBuilder names = new StringBuilder();
                for (Item i : all) {
                    names.append(names.isEmpty() ? "" : "、").append(i.itemName()).append("（")
                            .append(departments.name(i.departmentCode())).append("）");
                }
                trail.append(c, row.declarationId(), "HUB", "hub", "ITEM_LIST_READY", "{\"items\":" + all.size() + "}");
                // the list is cut (ending "…", the count stays whole) so that the SMS and its status link stay within
                // the 500 characters an SMS may have; the unit's page lists every item
                out.add(flow.noticeToUnit(c, row, "ITEM_LIST_READY:" + code, "ITEM_LIST_READY", Map.of("itemCount",
                        String.valueOf(all.size()), "items", all.isEmpty() ? "无" : SmsText.cut(names.toString(), MAX_ITEMS))));
            }
            return new Result(Outcome.CREATED, null, out);
        });
    }
}
