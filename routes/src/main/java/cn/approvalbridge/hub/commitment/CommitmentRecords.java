package cn.approvalbridge.hub.commitment;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** What the commitment flow hands to partners' queues (each partner's folder maps it to its own format). */
public final class CommitmentRecords {

    /** The field under which a revocation travels on hub.staging and hub.investment-platform.results. */
    public static final String REVOKED = "revoked";

    private CommitmentRecords() {
    }

    /** An approval given on a commitment was revoked (撤销) because its follow-up check failed. */
    public record ItemRevoked(String projectCode, String itemCode, String itemName, String departmentCode,
            String documentNumber, LocalDate documentDate, String reasons, OffsetDateTime revokedAt, int application) {
    }

    /** A unit's commitment proved untrue (失信): reported to the credit information system. */
    public record DishonestCommitment(String reportId, String projectCode, String itemCode, String itemName,
            String creditCode, String unitName, String documentRef, String textVersion, String reasons,
            OffsetDateTime checkedAt) {
    }

    /** Materials accepted missing (容缺): told to the unit in one SMS. */
    public record Missing(String name, LocalDate dueBy) {
    }

    /** For the SMS: "用地红线图（2026-03-17前）、…". */
    static String listed(List<Missing> missing) {
        StringBuilder b = new StringBuilder();
        for (Missing m : missing) {
            b.append(b.isEmpty() ? "" : "、").append(m.name()).append("（").append(m.dueBy()).append("前）");
        }
        return b.toString();
    }
}
