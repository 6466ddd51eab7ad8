package cn.approvalbridge.hub.commitment;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.approval.ApprovalFlow;
import cn.approvalbridge.hub.approval.ApprovalItems;
import cn.approvalbridge.hub.approval.ApprovalResults;
import cn.approvalbridge.hub.commitment.Outcome.Kind;
import cn.approvalbridge.hub.credit.CreditChecks;
import cn.approvalbridge.hub.credit.CreditChecks.Status;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.Db;

/**
 * Commitment-based approval (告知承诺制): the window hands in the unit's signed commitment for an item that allows one;
 * the credit information system is asked about the unit again; the department approves on it (a unit with a serious
 * dishonesty record, at intake or on that check, is refused), and a follow-up check is owed by its deadline
 * ({@link CommitmentChecks}).
 */
@ApplicationScoped
public class Commitments {

    /** One commitment as stored. */
    public record Commitment(String projectCode, String itemCode, String declarationId, String departmentCode,
            String documentRef, String textVersion, String bodySha256, String status, OffsetDateTime submittedAt,
            OffsetDateTime approvedAt, LocalDate checkDueBy, OffsetDateTime checkWarnedAt, OffsetDateTime checkEscalatedAt,
            String checkOutcome, String checkReasons, OffsetDateTime checkedAt) {
    }

    static final String SELECT = "SELECT project_code, item_code, declaration_id, department_code, document_ref, "
            + "text_version, body_sha256, status, submitted_at, approved_at, check_due_by, check_warned_at, "
            + "check_escalated_at, check_outcome, check_reasons, checked_at FROM hub_commitment";

    @Inject
    Db db;
    @Inject
    Trail trail;
    @Inject
    Deadlines deadlines;
    @Inject
    CommitmentTerms terms;
    @Inject
    CreditChecks credit;
    @Inject
    ApprovalResults results;

    static String purpose(String itemCode) {
        return "COMMITMENT:" + itemCode;
    }

    /** The window hands in the commitment: stored with its trail entry and the credit check it asks for. */
    public Outcome submit(String code, String itemCode, String documentRef, String textVersion, String canonical) {
        return db.inTransaction(c -> {
            Declarations.Row row = lockProject(c, code);
            if (row == null) {
                return Outcome.of(Kind.NOT_FOUND, "no project " + code);
            }
            Optional<ApprovalItems.Item> item = item(c, code, itemCode);
            if (item.isEmpty()) {
                return Outcome.of(Kind.NOT_REQUESTED, "item " + itemCode + " is not on project " + code + "'s list");
            }
            String sha = Trail.sha256(canonical);
            Optional<Commitment> before = find(c, code, itemCode);
            if (before.isPresent()) {
                return Outcome.of(sha.equals(before.get().bodySha256()) ? Kind.SAME : Kind.CONFLICT,
                        "a commitment for " + itemCode + " was handed in already");
            }
            if (!Boolean.TRUE.equals(terms.terms(c, code, itemCode).commitmentAllowed())) {
                return Outcome.of(Kind.NOT_ALLOWED, "item " + itemCode + " is not granted on a commitment (告知承诺制)");
            }
            if (item.get().decided()) {
                return Outcome.of(Kind.WRONG_STATE, "item " + itemCode + " is decided already");
            }
            Optional<String> refused = dishonest(row.declarationId(), CreditChecks.INTAKE);
            if (refused.isPresent()) {
                trail.append(c, row.declarationId(), "HUB", "hub", "COMMITMENT_REFUSED", refusedPayload(itemCode, refused.get()));
                return Outcome.of(Kind.CREDIT_NOT_ALLOWED, refusal(refused.get()));
            }
            Db.update(c, "INSERT INTO hub_commitment (project_code, item_code, declaration_id, department_code, document_ref, "
                    + "text_version, body_sha256, status, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'SUBMITTED', ?)", code,
                    itemCode, row.declarationId(), item.get().departmentCode(), documentRef, textVersion, sha,
                    deadlines.now().toOffsetDateTime());
            trail.append(c, row.declarationId(), "IN", "window", "COMMITMENT", canonical);
            return Outcome.created(List.of(credit.ask(c, row.declarationId(), purpose(itemCode))));
        });
    }

    /**
     * The department approves on the commitment (BLZT 11, the commitment noted in its opinion), once the credit system
     * has answered the check before it; then the follow-up check is owed.
     */
    public Outcome approve(String code, String dept, String itemCode, String documentNumber, LocalDate documentDate,
            String opinion, String canonical) {
        Optional<Commitment> m = db.read(c -> find(c, code, itemCode));
        if (m.isEmpty()) {
            return Outcome.of(Kind.WRONG_STATE, "no commitment was handed in for " + itemCode + " of project " + code);
        }
        Commitment k = m.get();
        if (!k.departmentCode().equals(dept)) {
            return Outcome.of(Kind.NOT_YOUR_ITEM, "item " + itemCode + " belongs to department " + k.departmentCode());
        }
        if (k.approvedAt() == null) {
            Optional<String> refused = dishonest(k.declarationId(), CreditChecks.INTAKE)
                    .or(() -> dishonest(k.declarationId(), purpose(itemCode)));
            if (refused.isPresent()) {
                trail.appendLocked(k.declarationId(), "HUB", "hub", "COMMITMENT_REFUSED",
                        refusedPayload(itemCode, refused.get()));
                return Outcome.of(Kind.CREDIT_NOT_ALLOWED, refusal(refused.get()));
            }
            Status check = credit.find(k.declarationId(), purpose(itemCode)).map(CreditChecks.Check::status)
                    .orElse(Status.PENDING);
            if (check == Status.PENDING) {
                return Outcome.of(Kind.CREDIT_PENDING, "the credit check before this commitment has no answer yet");
            }
        }
        String note = "告知承诺：承诺书" + k.documentRef() + "（文本版本" + k.textVersion() + "）"
                + (opinion == null ? "" : "；" + opinion);
        ApprovalFlow.Result r = results.decide(code, dept, itemCode, "APPROVED", documentNumber, documentDate, note,
                "dept-" + dept, canonical);
        if (r.outcome() != ApprovalFlow.Outcome.CREATED && r.outcome() != ApprovalFlow.Outcome.SAME) {
            return Outcome.of(switch (r.outcome()) {
                case NOT_FOUND -> Kind.NOT_FOUND;
                case NOT_REQUESTED -> Kind.NOT_REQUESTED;
                case NOT_YOUR_ITEM -> Kind.NOT_YOUR_ITEM;
                case CONFLICT -> Kind.CONFLICT;
                default -> Kind.WRONG_STATE;
            }, r.message());
        }
        // a second transaction: a crash between the two leaves the decision without its check, and the department's
        // repeated call (SAME above) opens it then
        boolean opened = db.inTransaction(c -> {
            Declarations.lock(c, k.declarationId()).orElseThrow();
            Integer days = terms.terms(c, code, itemCode).checkWorkingDays();
            Deadlines.Limits limits = deadlines.limits(deadlines.now(), days);
            int n = Db.update(c, "UPDATE hub_commitment SET status = 'APPROVED', approved_at = ?, check_due_by = ?, "
                    + "check_warn_on = ? WHERE project_code = ? AND item_code = ? AND status = 'SUBMITTED'",
                    deadlines.now().toOffsetDateTime(), limits.dueBy(), limits.warnOn(), code, itemCode);
            if (n == 1) {
                trail.append(c, k.declarationId(), "HUB", "hub", "COMMITMENT_CHECK_OPENED",
                        "{\"itemCode\":\"" + itemCode + "\",\"dueBy\":\"" + limits.dueBy() + "\"}");
            }
            return n == 1;
        });
        return opened || r.outcome() == ApprovalFlow.Outcome.CREATED ? Outcome.created(r.messages())
                : Outcome.of(Kind.SAME, null);
    }

    /** The record id when the unit's check for {@code purpose} found serious dishonesty. */
    private Optional<String> dishonest(String declarationId, String purpose) {
        return credit.find(declarationId, purpose).filter(k -> k.status() == Status.SERIOUS_DISHONESTY)
                .map(k -> k.recordId() == null ? "(no record id)" : k.recordId());
    }

    private static String refusal(String recordId) {
        return "the unit has a serious dishonesty record (" + recordId + "): no commitment-based approval";
    }

    private static String refusedPayload(String itemCode, String recordId) {
        return "{\"itemCode\":\"" + itemCode + "\",\"recordId\":\"" + recordId + "\"}";
    }

    static Declarations.Row lockProject(Connection c, String code) throws SQLException {
        var id = Db.one(c, "SELECT declaration_id FROM hub_declaration WHERE project_code = ?", rs -> rs.getString(1), code);
        return id.isEmpty() ? null : Declarations.lock(c, id.get()).orElse(null);
    }

    static Optional<ApprovalItems.Item> item(Connection c, String code, String itemCode) throws SQLException {
        return ApprovalItems.items(c, code).stream().filter(i -> i.itemCode().equals(itemCode)).findFirst();
    }

    static Optional<Commitment> find(Connection c, String code, String itemCode) throws SQLException {
        return Db.one(c, SELECT + " WHERE project_code = ? AND item_code = ?", Commitments::row, code, itemCode);
    }

    static Commitment row(java.sql.ResultSet rs) throws SQLException {
        return new Commitment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), Db.time(rs, "submitted_at"), Db.time(rs, "approved_at"),
                Db.date(rs, "check_due_by"), Db.time(rs, "check_warned_at"), Db.time(rs, "check_escalated_at"),
                rs.getString(14), rs.getString(15), Db.time(rs, "checked_at"));
    }
}
