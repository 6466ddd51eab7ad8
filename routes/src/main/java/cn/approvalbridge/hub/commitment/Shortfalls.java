package cn.approvalbridge.hub.commitment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.approval.ApprovalFlow;
import cn.approvalbridge.hub.approval.MaterialReviews;
import cn.approvalbridge.hub.commitment.CommitmentRecords.Missing;
import cn.approvalbridge.hub.commitment.CommitmentTerms.Deferrable;
import cn.approvalbridge.hub.commitment.Outcome.Kind;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.notice.Notices;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;

/**
 * 容缺受理: a department accepts an item's materials with named ones missing, among those its terms let come later;
 * the unit is told in one SMS which and by when; each is owed by its day (watched: warning, escalation) until the
 * window hands it in, and the review is complete when the last one arrives. An approval of such an item is reported
 * as 办结（容缺通过） (BLZT 12).
 */
@ApplicationScoped
public class Shortfalls {

    @Inject
    Db db;
    @Inject
    Trail trail;
    @Inject
    Outbox outbox;
    @Inject
    Notices notices;
    @Inject
    Deadlines deadlines;
    @Inject
    CommitmentTerms terms;
    @Inject
    MaterialReviews reviews;

    /** The department's acceptance with {@code missing} materials; the item's review is ACCEPTED as for any acceptance. */
    public Outcome accept(String code, String dept, String itemCode, List<String> missing, String canonical) {
        Optional<Kind> bad = db.read(c -> {
            if (Commitments.lockProject(c, code) == null) {
                return Optional.of(Kind.NOT_FOUND);
            }
            List<String> deferrable = terms.terms(c, code, itemCode).deferrableMaterials().stream().map(Deferrable::name)
                    .toList();
            return missing.stream().allMatch(deferrable::contains) ? Optional.<Kind>empty() : Optional.of(Kind.NOT_ALLOWED);
        });
        if (bad.isPresent()) {
            return Outcome.of(bad.get(), bad.get() == Kind.NOT_FOUND ? "no project " + code
                    : "only materials the item lets come later may be missing (容缺)");
        }
        boolean before = db.read(c -> !Db.list(c, "SELECT 1 FROM hub_shortfall WHERE project_code = ? AND item_code = ?",
                rs -> 1, code, itemCode).isEmpty());
        ApprovalFlow.Result r = reviews.review(code, dept, itemCode, "ACCEPTED", null, canonical);
        if (r.outcome() == ApprovalFlow.Outcome.SAME && before) {
            return Outcome.of(Kind.SAME, null);
        }
        if (r.outcome() != ApprovalFlow.Outcome.CREATED && r.outcome() != ApprovalFlow.Outcome.SAME) {
            return Outcome.of(switch (r.outcome()) {
                case NOT_FOUND -> Kind.NOT_FOUND;
                case NOT_REQUESTED -> Kind.NOT_REQUESTED;
                case NOT_YOUR_ITEM -> Kind.NOT_YOUR_ITEM;
                case CONFLICT -> Kind.CONFLICT;
                default -> Kind.WRONG_STATE;
            }, r.message());
        }
        // after the acceptance's own transaction: a crash between them is healed by the department's repeated call
        List<Outbox.Message> out = new ArrayList<>(r.messages());
        out.addAll(db.inTransaction(c -> {
            Declarations.Row row = Commitments.lockProject(c, code);
            if (!Db.list(c, "SELECT 1 FROM hub_shortfall WHERE project_code = ? AND item_code = ?", rs -> 1, code, itemCode)
                    .isEmpty()) {
                return List.<Outbox.Message>of();
            }
            List<Missing> owed = new ArrayList<>();
            for (Deferrable d : terms.terms(c, code, itemCode).deferrableMaterials()) {
                if (!missing.contains(d.name())) {
                    continue;
                }
                Deadlines.Limits limits = deadlines.limits(deadlines.now(), d.workingDays());
                Db.update(c, "INSERT INTO hub_shortfall (project_code, item_code, material, declaration_id, department_code, "
                        + "due_by, warn_on) VALUES (?, ?, ?, ?, ?, ?, ?)", code, itemCode, d.name(), row.declarationId(),
                        dept, limits.dueBy(), limits.warnOn());
                owed.add(new Missing(d.name(), limits.dueBy()));
            }
            trail.append(c, row.declarationId(), "IN", "dept-" + dept, "SHORTFALL_ACCEPTED", canonical);
            String itemName = Commitments.item(c, code, itemCode).orElseThrow().itemName();
            return List.of(outbox.add(c, Queues.NOTIFICATIONS, notices.toUnit("MATERIALS_SHORTFALL:" + code + ":" + itemCode,
                    "MATERIALS_SHORTFALL", row.unitMobile(), code, row.projectName(),
                    Map.of("itemName", itemName, "materials", CommitmentRecords.listed(owed)), row.declarationId())));
        }));
        return Outcome.created(out);
    }

    /** The window hands in materials owed; the last one completes the review. */
    public Outcome supplied(String code, String itemCode, List<String> materials, String canonical) {
        return db.inTransaction(c -> {
            Declarations.Row row = Commitments.lockProject(c, code);
            if (row == null) {
                return Outcome.of(Kind.NOT_FOUND, "no project " + code);
            }
            List<Row> owed = rows(c, code, itemCode);
            for (String m : materials) {
                if (owed.stream().noneMatch(o -> o.material().equals(m))) {
                    return Outcome.of(Kind.WRONG_STATE, "material " + m + " is not owed for item " + itemCode);
                }
            }
            if (owed.stream().filter(o -> materials.contains(o.material())).allMatch(o -> o.suppliedAt() != null)) {
                return Outcome.of(Kind.SAME, null);
            }
            OffsetDateTime at = deadlines.now().toOffsetDateTime();
            for (String m : materials) {
                Db.update(c, "UPDATE hub_shortfall SET supplied_at = ? WHERE project_code = ? AND item_code = ? "
                        + "AND material = ? AND supplied_at IS NULL", at, code, itemCode, m);
            }
            trail.append(c, row.declarationId(), "IN", "window", "SHORTFALL_SUPPLIED", canonical);
            if (rows(c, code, itemCode).stream().allMatch(o -> o.suppliedAt() != null)) {
                trail.append(c, row.declarationId(), "HUB", "hub", "SHORTFALL_COMPLETED",
                        "{\"itemCode\":\"" + itemCode + "\"}");
            }
            return Outcome.created(List.of());
        });
    }

    /** Whether the item was accepted with materials missing (its approval is then 容缺通过). */
    public boolean acceptedShort(String code, String itemCode) {
        return db.read(c -> !rows(c, code, itemCode).isEmpty());
    }

    record Row(String itemCode, String material, java.time.LocalDate dueBy, OffsetDateTime suppliedAt,
            OffsetDateTime warnedAt, OffsetDateTime escalatedAt) {
    }

    private static List<Row> rows(java.sql.Connection c, String code, String itemCode) throws java.sql.SQLException {
        return Db.list(c, "SELECT item_code, material, due_by, supplied_at, warned_at, escalated_at FROM hub_shortfall "
                + "WHERE project_code = ?" + (itemCode == null ? "" : " AND item_code = ?") + " ORDER BY item_code, material",
                rs -> new Row(rs.getString(1), rs.getString(2), Db.date(rs, "due_by"), Db.time(rs, "supplied_at"),
                        Db.time(rs, "warned_at"), Db.time(rs, "escalated_at")),
                itemCode == null ? new Object[] { code } : new Object[] { code, itemCode });
    }

    List<Map<String, Object>> ofProject(String code) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : db.read(c -> rows(c, code, null))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("itemCode", r.itemCode());
            m.put("material", r.material());
            m.put("dueBy", r.dueBy().toString());
            m.put("suppliedAt", ChinaTime.text(r.suppliedAt()));
            m.put("warnedAt", ChinaTime.text(r.warnedAt()));
            m.put("escalatedAt", ChinaTime.text(r.escalatedAt()));
            out.add(m);
        }
        return out;
    }
}
