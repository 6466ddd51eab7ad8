package cn.approvalbridge.hub.commitment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.approval.ApprovalItems;
import cn.approvalbridge.hub.commitment.CommitmentRecords.DishonestCommitment;
import cn.approvalbridge.hub.commitment.CommitmentRecords.ItemRevoked;
import cn.approvalbridge.hub.commitment.Commitments.Commitment;
import cn.approvalbridge.hub.commitment.Outcome.Kind;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.notice.Notices;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.Db;

/**
 * The follow-up check (事后核查) of an approval given on a commitment, recorded by its department: PASSED closes it;
 * FAILED revokes the approval (BLZT 15 撤销 in the staging tables, the investment platform told, the unit's SMS) and
 * reports the untrue commitment to the credit information system, all in the transaction that records the check.
 */
@ApplicationScoped
public class CommitmentChecks {

    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";

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
    ObjectMapper json;

    public Outcome record(String code, String dept, String itemCode, String outcome, String reasons, String canonical) {
        return db.inTransaction(c -> {
            Declarations.Row row = Commitments.lockProject(c, code);
            if (row == null) {
                return Outcome.of(Kind.NOT_FOUND, "no project " + code);
            }
            Optional<Commitment> m = Commitments.find(c, code, itemCode);
            if (m.isEmpty() || m.get().approvedAt() == null) {
                return Outcome.of(Kind.WRONG_STATE, "item " + itemCode + " of project " + code
                        + " was not approved on a commitment: there is no check to record");
            }
            Commitment k = m.get();
            if (!k.departmentCode().equals(dept)) {
                return Outcome.of(Kind.NOT_YOUR_ITEM, "item " + itemCode + " belongs to department " + k.departmentCode());
            }
            if (k.checkOutcome() != null) {
                boolean same = k.checkOutcome().equals(outcome) && Objects.equals(k.checkReasons(), reasons);
                return Outcome.of(same ? Kind.SAME : Kind.CONFLICT, "the check of " + itemCode + " was recorded already");
            }
            OffsetDateTime at = deadlines.now().toOffsetDateTime();
            boolean failed = FAILED.equals(outcome);
            Db.update(c, "UPDATE hub_commitment SET check_outcome = ?, check_reasons = ?, checked_at = ?, status = ? "
                    + "WHERE project_code = ? AND item_code = ?", outcome, reasons, at, failed ? "REVOKED" : "APPROVED",
                    code, itemCode);
            trail.append(c, row.declarationId(), "IN", "dept-" + dept, "COMMITMENT_CHECK", canonical);
            if (!failed) {
                return Outcome.created(List.of());
            }
            ApprovalItems.Item item = Commitments.item(c, code, itemCode).orElseThrow();
            // the approval no longer stands: the item shows it, and no later decision may take its place silently
            Db.update(c, "UPDATE hub_project_item SET decision = 'REVOKED', status = 'REVOKED' WHERE project_code = ? "
                    + "AND item_code = ?", code, itemCode);
            trail.append(c, row.declarationId(), "HUB", "hub", "APPROVAL_REVOKED",
                    "{\"itemCode\":\"" + itemCode + "\",\"documentNumber\":\"" + item.documentNumber() + "\"}");
            ItemRevoked revoked = new ItemRevoked(code, itemCode, item.itemName(), item.departmentCode(),
                    item.documentNumber(), item.documentDate(), reasons, at, item.application());
            List<Outbox.Message> out = new ArrayList<>();
            String revokedText = text(Map.of(CommitmentRecords.REVOKED, revoked));
            out.add(outbox.add(c, Queues.STAGING, revokedText));
            out.add(outbox.add(c, Queues.PLATFORM_RESULTS, revokedText));
            out.add(outbox.add(c, Queues.NOTIFICATIONS, notices.toUnit("COMMITMENT_REVOKED:" + code + ":" + itemCode,
                    "COMMITMENT_REVOKED", row.unitMobile(), code, row.projectName(),
                    Map.of("itemName", item.itemName(), "reasons", reasons), row.declarationId())));
            JsonNode unit = unit(row);
            out.add(outbox.add(c, Queues.CREDIT_REPORTS, text(new DishonestCommitment("COMMITMENT:" + code + ":" + itemCode,
                    code, itemCode, item.itemName(), unit.path("creditCode").asText(), unit.path("name").asText(),
                    k.documentRef(), k.textVersion(), reasons, at))));
            return Outcome.created(out);
        });
    }

    private JsonNode unit(Declarations.Row row) {
        try {
            return json.readTree(row.body()).path("unit");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("declaration " + row.declarationId() + " is not JSON", e);
        }
    }

    private String text(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
