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
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.approval.ApprovalItems.Item;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.hub.partners.department.DepartmentEndpoints;
import cn.approvalbridge.hub.partners.investmentplatform.InvestmentPlatform;
import cn.approvalbridge.hub.platform.notice.Notices;
import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.partners.projectapproval.StagingWriter;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.WorkingCalendar;

/**
 * Steps 4-7 on the database. Every inbound answer is stored with its trail entry and the messages it causes (outbox:
 * notices, department messages, staging rows, platform results) in ONE transaction under the declaration's row lock,
 * before the API answers. Notices carry deterministic eventIds, staging rows business keys: nothing happens twice.
 */
@ApplicationScoped
@Named("approvalFlow")
public class ApprovalFlow {

    public enum Outcome {
        CREATED, SAME, CONFLICT, NOT_FOUND, NOT_REQUESTED, NOT_YOUR_ITEM, WRONG_STATE, PREREQUISITE_PENDING
    }

    public record Result(Outcome outcome, String message, List<Outbox.Message> messages) {
        static Result of(Outcome o, String message) {
            return new Result(o, message, List.of());
        }
    }

    @Inject
    Db db;
    @Inject
    Declarations declarations;
    @Inject
    Trail trail;
    @Inject
    Outbox outbox;
    @Inject
    Deadlines deadlines;
    @Inject
    WorkingCalendar calendar;
    @Inject
    Departments departments;
    @Inject
    Notices notices;
    @Inject
    StagingWriter staging;
    @Inject
    ObjectMapper json;
    @Inject
    Config config;
    @Inject
    DepartmentEndpoints endpoints;
    @Inject
    InvestmentPlatform platform;

    @ConfigProperty(name = "hub.deadlines.item-list-working-days")
    int itemListDays;
    @ConfigProperty(name = "hub.deadlines.material-review-working-days")
    int reviewDays;
    @ConfigProperty(name = "hub.window.place")
    String place;

    // ---- step 4 begins: the project is coded ------------------------------------------------------------------------

    /** The departments concerned get an item-list request; the project's rows go to the staging tables. */
    public List<String[]> projectCoded(String body) throws Exception {
        JsonNode ref = json.readTree(body);
        String id = ref.path("declarationId").asText();
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
                    out.add(new String[] { Queues.DEPARTMENT_APPROVAL, departmentMessage("ITEM_LIST_REQUEST", code,
                            l.departmentCode(), List.of(), "/api/v1/projects/" + code + "/item-lists", l.dueBy()).toString() });
                }
            }
            JsonNode d = readTree(row.body());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("XZQHDM", row.regionCode());
            p.put("XMDM", code);
            p.put("XMMC", row.projectName());
            p.put("ZTZE", d.path("totalInvestment").decimalValue());
            p.put("JSDD", d.path("site").asText());
            p.put("LXLX", switch (d.path("approvalClass").asText()) {
                case "APPROVAL" -> "审批";
                case "VERIFICATION" -> "核准";
                default -> "备案";
            });
            p.put("JSXZ", d.path("constructionNature").asText());
            p.put("NKGSJ", d.path("plannedStart").asText());
            p.put("NJCSJ", d.path("plannedFinish").asText());
            p.put("JSGMJNR", d.path("scale").asText());
            p.put("SBRQ", row.receivedAt().atZoneSameInstant(ChinaTime.ZONE).toLocalDate().toString());
            out.add(new String[] { Queues.STAGING, staging.row("SPGL_XMJBXXB", p) });
            JsonNode unit = d.path("unit");
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("XMDM", code);
            u.put("DWTYSHXYDM", unit.path("creditCode").asText());
            u.put("DWMC", unit.path("name").asText());
            u.put("LXR", unit.path("contactName").asText());
            u.put("LXDH", unit.path("contactMobile").asText());
            out.add(new String[] { Queues.STAGING, staging.row("SPGL_XMDWXXB", u) });
            return out;
        });
    }

    // ---- step 4: item lists -------------------------------------------------------------------------------------------

    public record NewItem(String itemCode, String itemName, int timeLimitDays, String stage, List<String> prerequisites) {
    }

    public Result itemList(String code, String dept, List<NewItem> items, String canonical) {
        return db.inTransaction(c -> {
            Declarations.Row row = lockProject(c, code);
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
                out.add(outbox.add(c, Queues.NOTIFICATIONS, notices.notice("ITEM_LIST_READY:" + code,
                        "ITEM_LIST_READY", row.unitMobile(), code, row.projectName(),
                        Map.of("itemCount", String.valueOf(all.size()), "items", all.isEmpty() ? "无" : names.toString()),
                        row.declarationId())));
            }
            return new Result(Outcome.CREATED, null, out);
        });
    }

    // ---- step 5: materials and their review ----------------------------------------------------------------------------

    /** A document handed in: its name, where the department fetches it, and its item (null: every item submitted). */
    public record Document(String name, String url, String itemCode) {
    }

    public Result materials(String code, String submissionId, List<String> itemCodes, List<Document> documents,
            String canonical) {
        return db.inTransaction(c -> {
            Declarations.Row row = lockProject(c, code);
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
            List<Item> open = items.stream().filter(i -> "LISTED".equals(i.status()) || "RETURNED".equals(i.status())).toList();
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
                // a resubmission opens a new review period: its own warning and escalation
                Db.update(c, "UPDATE hub_project_item SET status = 'SUBMITTED', submitted_at = ?, review_due_by = ?, "
                        + "review_warn_on = ?, review_warned_at = NULL, review_escalated_at = NULL, paused_days = ? "
                        + "WHERE project_code = ? AND item_code = ?", now.toOffsetDateTime(), limits.dueBy(),
                        limits.warnOn(), paused, code, i.itemCode());
                byDept.computeIfAbsent(i.departmentCode(), k -> new ArrayList<>()).add(i.itemCode());
                reviewDue.merge(i.departmentCode(), limits.dueBy(), (a, b) -> a.isAfter(b) ? a : b);
                if ("RETURNED".equals(i.status())) {
                    out.add(outbox.add(c, Queues.STAGING, detail(code, i, "RESUBMITTED:" + i.returnCount(), "补正提交", null,
                            now.toOffsetDateTime())));
                }
            }
            Db.update(c, "INSERT INTO hub_material_submission (submission_id, project_code, body_sha256, item_codes, "
                    + "received_at) VALUES (?, ?, ?, ?, ?)", submissionId, code, Trail.sha256(canonical),
                    String.join(",", open.stream().map(Item::itemCode).toList()), now.toOffsetDateTime());
            trail.append(c, row.declarationId(), "IN", "window", "MATERIALS", canonical);
            for (var e : byDept.entrySet()) {
                ObjectNode m = departmentMessage("MATERIALS:" + submissionId, code, e.getKey(), e.getValue(),
                        "/api/v1/projects/" + code + "/material-reviews", reviewDue.get(e.getKey()));
                m.put("submissionId", submissionId);
                // each department gets the documents for its items, and those handed in for every item
                m.set("documents", json.valueToTree(documents.stream()
                        .filter(d -> d.itemCode() == null || e.getValue().contains(d.itemCode())).toList()));
                out.add(outbox.add(c, Queues.DEPARTMENT_APPROVAL, m.toString()));
            }
            return new Result(Outcome.CREATED, null, out);
        });
    }

    public Result review(String code, String dept, String itemCode, String decision, String reasons, String canonical) {
        return db.inTransaction(c -> {
            Declarations.Row row = lockProject(c, code);
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
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("XZQHDM", row.regionCode());
                p.put("XMDM", code);
                p.put("SPSXBM", itemCode);
                p.put("SPSXMC", i.itemName());
                p.put("SPJD", i.stage());
                p.put("BLBM", dept);
                p.put("BLSX", i.timeLimitDays());
                p.put("SLSJ", at.toString());
                p.put("BLZT", "受理");
                out.add(outbox.add(c, Queues.STAGING, staging.row("SPGL_XMSPSXBLXXB", p)));
                out.add(outbox.add(c, Queues.STAGING, detail(code, i, "ACCEPTED", "受理", null, at)));
                out.add(outbox.add(c, Queues.NOTIFICATIONS, notices.notice("MATERIALS_ACCEPTED:" + code + ":" + itemCode,
                        "MATERIALS_ACCEPTED", row.unitMobile(), code, row.projectName(),
                        Map.of("itemName", i.itemName(), "deadline", due.toString()), row.declarationId())));
            } else {
                int left = i.reviewDueBy() == null ? reviewDays
                        : Math.max(1, calendar.workingDaysBetween(today, i.reviewDueBy()));
                int n = i.returnCount() + 1;
                Db.update(c, "UPDATE hub_project_item SET status = 'RETURNED', returned_on = ?, review_days_left = ?, "
                        + "return_count = ?, return_reasons = ? WHERE project_code = ? AND item_code = ?", today, left, n,
                        reasons, code, itemCode);
                out.add(outbox.add(c, Queues.STAGING, detail(code, i, "RETURNED:" + n, "补正", reasons, at)));
                out.add(outbox.add(c, Queues.NOTIFICATIONS, notices.notice(
                        "MATERIALS_RETURNED:" + code + ":" + itemCode + ":" + n, "MATERIALS_RETURNED", row.unitMobile(), code,
                        row.projectName(), Map.of("itemName", i.itemName(), "reasons", reasons), row.declarationId())));
            }
            trail.append(c, row.declarationId(), "IN", "dept-" + dept, "MATERIAL_REVIEW", canonical);
            return new Result(Outcome.CREATED, null, out);
        });
    }

    // ---- step 6/7: results ----------------------------------------------------------------------------------------------

    /** A decision on an item, from its department (API) or from the project approval system (staging pickup). */
    public Result decide(String code, String dept, String itemCode, String decision, String documentNumber,
            LocalDate documentDate, String opinion, String source, String canonical) {
        return db.inTransaction(c -> {
            Declarations.Row row = lockProject(c, code);
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
                boolean same = i.decision().equals(decision) && java.util.Objects.equals(i.documentNumber(), documentNumber);
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
            String spjg = "APPROVED".equals(decision) ? "准予许可" : "不予许可";
            out.add(outbox.add(c, Queues.STAGING, detail(code, i, "DECIDED", spjg, opinion, at)));
            if (!source.equals("project-approval-system")) {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("XMDM", code);
                w.put("SPSXBM", itemCode);
                w.put("SPJG", spjg);
                w.put("PFWH", documentNumber);
                w.put("PFRQ", documentDate.toString());
                w.put("BLYJ", opinion);
                out.add(outbox.add(c, Queues.STAGING, staging.row("SPGL_XMSPSXPFWJXXB", w)));
            }
            ObjectNode r = json.createObjectNode();
            r.put("xmdm", code);
            r.put("spsxbm", itemCode);
            r.put("spsxmc", i.itemName());
            r.put("blbm", i.departmentCode());
            r.put("spjg", spjg);
            r.put("pfwh", documentNumber);
            r.put("pfrq", documentDate.toString());
            out.add(outbox.add(c, Queues.PLATFORM_RESULTS, r.toString()));
            // forwarded to the departments whose items need this one (法定前置), with the result itself
            ObjectNode prerequisite = json.createObjectNode();
            prerequisite.put("itemCode", itemCode);
            prerequisite.put("itemName", i.itemName());
            prerequisite.put("departmentCode", i.departmentCode());
            prerequisite.put("decision", decision);
            prerequisite.put("documentNumber", documentNumber);
            prerequisite.put("documentDate", documentDate.toString());
            prerequisite.put("opinion", opinion);
            for (Item next : items) {
                if (next.prerequisites().contains(itemCode)) {
                    var m = departmentMessage("PREREQUISITE_RESULT:" + itemCode, code, next.departmentCode(),
                            List.of(next.itemCode()), "/api/v1/projects/" + code + "/approval-results", null);
                    m.set("prerequisite", prerequisite);
                    out.add(outbox.add(c, Queues.DEPARTMENT_APPROVAL, m.toString()));
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
                out.add(outbox.add(c, Queues.NOTIFICATIONS, notices.notice("RESULTS_READY:" + code, "RESULTS_READY",
                        row.unitMobile(), code, row.projectName(), Map.of("place", place), row.declarationId())));
            }
            return new Result(Outcome.CREATED, null, out);
        });
    }

    // ---- partners ------------------------------------------------------------------------------------------------------

    /** For the department adapter: the URL of the message's department, and whether to send at all. */
    public String toDepartment(String body, Exchange exchange) throws Exception {
        String dept = json.readTree(body).path("departmentCode").asText();
        exchange.getIn().setHeader(HubHeaders.DEPARTMENT_CODE, dept);
        exchange.getIn().setHeader(Exchange.HTTP_URI, endpoints.approvalUrl(dept));
        return body;
    }

    /** After the department's endpoint took the message (2xx): the trail records it (OUT), once per message id. */
    public void departmentMessageSent(Exchange exchange) throws Exception {
        String sent = exchange.getProperty(HubHeaders.SENT_REQUEST, String.class);
        JsonNode m = json.readTree(sent);
        trail.appendOnceForProject(m.path("projectCode").asText(), "dept-" + m.path("departmentCode").asText(),
                m.path("kind").asText(), "department:" + m.path("departmentCode").asText() + ":" + m.path("messageId").asText(),
                sent);
    }

    /** After the investment platform took an approval result: the trail records it, once per project and item. */
    public void platformResultSent(Exchange exchange) throws Exception {
        String sent = exchange.getProperty(HubHeaders.SENT_REQUEST, String.class);
        JsonNode r = json.readTree(sent);
        trail.appendOnceForProject(r.path("xmdm").asText(), "investment-platform", "APPROVAL_RESULT_SHARED",
                "platform-result:" + r.path("xmdm").asText() + ":" + r.path("spsxbm").asText(), sent);
    }

    public String platformResultsUrl() {
        return platform.resultsUrl();
    }

    public List<Item> items(String code) {
        return db.read(c -> ApprovalItems.items(c, code));
    }

    public List<ApprovalItems.ItemList> lists(String code) {
        return db.read(c -> ApprovalItems.lists(c, code));
    }

    private ObjectNode departmentMessage(String kind, String code, String dept, List<String> itemCodes, String answerTo,
            LocalDate dueBy) {
        ObjectNode m = json.createObjectNode();
        m.put("messageId", kind + ":" + code + ":" + dept);
        m.put("kind", kind.contains(":") ? kind.substring(0, kind.indexOf(':')) : kind);
        m.put("projectCode", code);
        m.put("departmentCode", dept);
        var arr = m.putArray("itemCodes");
        itemCodes.forEach(arr::add);
        m.put("answerTo", answerTo);
        if (dueBy != null) {
            m.put("dueBy", dueBy.toString());
        }
        return m;
    }


    private String detail(String code, Item i, String event, String blzt, String blyj, OffsetDateTime at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("YWBS", code + ":" + i.itemCode() + ":" + event);
        d.put("XMDM", code);
        d.put("SPSXBM", i.itemCode());
        d.put("BLBM", i.departmentCode());
        d.put("BLZT", blzt);
        d.put("BLYJ", blyj);
        d.put("BLSJ", at.toString());
        return staging.row("SPGL_XMSPSXBLXXXXB", d);
    }

    private Declarations.Row lockProject(Connection c, String code) throws SQLException {
        var id = Db.one(c, "SELECT declaration_id FROM hub_declaration WHERE project_code = ?", rs -> rs.getString(1), code);
        return id.isEmpty() ? null : Declarations.lock(c, id.get()).orElse(null);
    }

    private JsonNode readTree(String s) {
        try {
            return json.readTree(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
