package cn.approvalbridge.hub.approval;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What the approval flow hands its partners: records in the flow's own terms, as JSON on the outbox's queues
 * ("record" names the type). Each partner maps them to its format when it consumes them: the project approval system's
 * staging rows (hub.staging), the departments' messages (hub.department.approval), the investment platform's results
 * (hub.investment-platform.results).
 */
public final class ApprovalRecords {

    private ApprovalRecords() {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "record")
    @JsonSubTypes({ @JsonSubTypes.Type(value = ProjectCoded.class, name = "ProjectCoded"),
            @JsonSubTypes.Type(value = ItemReceived.class, name = "ItemReceived"),
            @JsonSubTypes.Type(value = ItemAccepted.class, name = "ItemAccepted"),
            @JsonSubTypes.Type(value = ItemEvent.class, name = "ItemEvent"),
            @JsonSubTypes.Type(value = ItemDecided.class, name = "ItemDecided"),
            @JsonSubTypes.Type(value = ItemListRequested.class, name = "ItemListRequested"),
            @JsonSubTypes.Type(value = MaterialsToReview.class, name = "MaterialsToReview"),
            @JsonSubTypes.Type(value = PrerequisiteDecided.class, name = "PrerequisiteDecided"),
            @JsonSubTypes.Type(value = ItemWithdrawn.class, name = "ItemWithdrawn") })
    public sealed interface ApprovalRecord permits ProjectCoded, ItemReceived, ItemAccepted, ItemEvent, ItemDecided, ItemListRequested,
            MaterialsToReview, PrerequisiteDecided, ItemWithdrawn {
    }

    /** Records written before applications were counted carry none: theirs was the item's first. */
    static int first(int application) {
        return Math.max(1, application);
    }

    /** The project unit as declared. */
    public record Unit(String creditCode, String name, String contactName, String contactMobile) {
    }

    /**
     * Steps 4-7 begin: the coded project as declared (approvalClass APPROVAL, VERIFICATION or FILING; the planned dates
     * as the window gave them), received on {@code receivedOn} (Beijing date).
     */
    public record ProjectCoded(String projectCode, String regionCode, String projectName, BigDecimal totalInvestment,
            String site, String approvalClass, String constructionNature, String plannedStart, String plannedFinish,
            String scale, LocalDate receivedOn, Unit unit) implements ApprovalRecord {
    }

    /**
     * The window received an item's materials for the first time in this application (接件): application
     * {@code application} (1, 2 after a withdrawal or a refusal, ...) begins. Its review by the department follows
     * (ItemAccepted, or ItemEvent RETURNED).
     */
    public record ItemReceived(String projectCode, String itemCode, String itemName, String stage,
            String departmentCode, int timeLimitDays, OffsetDateTime receivedAt, int application) implements ApprovalRecord {
        public ItemReceived {
            application = first(application);
        }

        public ItemReceived(String projectCode, String itemCode, String itemName, String stage, String departmentCode,
                int timeLimitDays, OffsetDateTime receivedAt) {
            this(projectCode, itemCode, itemName, stage, departmentCode, timeLimitDays, receivedAt, 1);
        }
    }

    /** A department accepted an item's materials: the item's time limit runs from {@code acceptedAt}. */
    public record ItemAccepted(String projectCode, String regionCode, String itemCode, String itemName, String stage,
            String departmentCode, int timeLimitDays, OffsetDateTime acceptedAt, int application) implements ApprovalRecord {
        public ItemAccepted {
            application = first(application);
        }

        public ItemAccepted(String projectCode, String regionCode, String itemCode, String itemName, String stage,
                String departmentCode, int timeLimitDays, OffsetDateTime acceptedAt) {
            this(projectCode, regionCode, itemCode, itemName, stage, departmentCode, timeLimitDays, acceptedAt, 1);
        }
    }

    public enum ItemEventType {
        /** The department returned the materials (补正), with its reasons. */
        RETURNED,
        /** The unit handed the returned materials in again. */
        RESUBMITTED
    }

    /** The materials of an item went back to the unit or came back from it, in return round {@code round} (1, 2, ...). */
    public record ItemEvent(String projectCode, String itemCode, String departmentCode, ItemEventType event, int round,
            String reasons, OffsetDateTime at, int application) implements ApprovalRecord {
        public ItemEvent {
            application = first(application);
        }

        public ItemEvent(String projectCode, String itemCode, String departmentCode, ItemEventType event, int round,
                String reasons, OffsetDateTime at) {
            this(projectCode, itemCode, departmentCode, event, round, reasons, at, 1);
        }
    }

    /**
     * An item was decided (APPROVED or DISAPPROVED), by its department ({@code decidedBy} dept-&lt;code&gt;) or in the
     * project approval system ({@code decidedBy} project-approval-system).
     */
    public record ItemDecided(String projectCode, String itemCode, String itemName, String departmentCode,
            String decision, String documentNumber, LocalDate documentDate, String opinion, String decidedBy,
            OffsetDateTime decidedAt, int application) implements ApprovalRecord {

        public static final String PROJECT_APPROVAL_SYSTEM = "project-approval-system";

        public ItemDecided {
            application = first(application);
        }

        public ItemDecided(String projectCode, String itemCode, String itemName, String departmentCode, String decision,
                String documentNumber, LocalDate documentDate, String opinion, String decidedBy, OffsetDateTime decidedAt) {
            this(projectCode, itemCode, itemName, departmentCode, decision, documentNumber, documentDate, opinion,
                    decidedBy, decidedAt, 1);
        }

        public boolean fromProjectApprovalSystem() {
            return PROJECT_APPROVAL_SYSTEM.equals(decidedBy);
        }
    }

    /** A department concerned by a coded project is asked for its required items, by {@code dueBy}. */
    public record ItemListRequested(String projectCode, String departmentCode, LocalDate dueBy) implements ApprovalRecord {
    }

    /** A document handed in: its name, where the department fetches it, and its item (null: every item submitted). */
    public record Document(String name, String url, String itemCode) {
    }

    /** A department's share of a submission: its items, their documents, reviewed by {@code dueBy}. */
    public record MaterialsToReview(String projectCode, String departmentCode, String submissionId,
            List<String> itemCodes, LocalDate dueBy, List<Document> documents) implements ApprovalRecord {
    }

    /** A prerequisite (法定前置) of the department's {@code itemCodes} was decided: the result goes to it. */
    public record PrerequisiteDecided(String departmentCode, List<String> itemCodes, ItemDecided prerequisite)
            implements ApprovalRecord {
    }

    /**
     * The unit withdrew application {@code application} of an item through the window (撤回) before it was decided: its
     * department stops working on it, the staging tables get BLZT 14. The item may be applied for again.
     */
    public record ItemWithdrawn(String projectCode, String itemCode, String itemName, String departmentCode,
            int application, String reason, OffsetDateTime withdrawnAt) implements ApprovalRecord {
    }
}
