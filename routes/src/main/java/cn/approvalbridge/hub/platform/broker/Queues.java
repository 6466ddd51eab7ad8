package cn.approvalbridge.hub.platform.broker;

/** The broker queues between the hub's steps, and the dead-letter queue of each partner. */
public final class Queues {

    public static final String DECLARATIONS = "hub.declarations";
    /** Every accepted declaration, once, for the flows after intake (today the credit check). */
    public static final String DECLARED = "hub.declared";
    public static final String CREDIT_CHECKS = "hub.credit.checks";
    public static final String DLQ_CREDIT = "hub.dlq.credit";
    /** Untrue commitments (a failed follow-up check) reported to the credit information system. */
    public static final String CREDIT_REPORTS = "hub.credit.reports";
    /** EIA results polled from the EIA system, one message each, for the same intake as the pushed ones. */
    public static final String EIA_RESULTS = "hub.eia.results";
    public static final String DLQ_EIA = "hub.dlq.eia";
    public static final String DEPARTMENT_REQUESTS = "hub.department.requests";
    public static final String OPINIONS = "hub.opinions";
    public static final String CODE_ASSIGNMENT = "hub.code-assignment";
    public static final String INVESTMENT_PLATFORM = "hub.investment-platform";
    public static final String NOTIFICATIONS = "hub.notifications";
    /** A coded project starts steps 4-7 (item-list requests, project rows in the staging tables). */
    public static final String PROJECT_CODED = "hub.project-coded";
    /** Steps 4-7 messages to a department: item-list request, materials, a prerequisite's result. */
    public static final String DEPARTMENT_APPROVAL = "hub.department.approval";
    /** Rows for the project approval system's staging tables. */
    public static final String STAGING = "hub.staging";
    /** Approval results shared with the investment platform. */
    public static final String PLATFORM_RESULTS = "hub.investment-platform.results";
    public static final String DLQ_STAGING = "hub.dlq.staging";

    public static final String DLQ_INTAKE = "hub.dlq.intake";
    public static final String DLQ_DEPARTMENT = "hub.dlq.department";
    public static final String DLQ_CODE_ASSIGNMENT = "hub.dlq.code-assignment";
    public static final String DLQ_INVESTMENT_PLATFORM = "hub.dlq.investment-platform";
    public static final String DLQ_NOTIFICATION = "hub.dlq.notification";

    private Queues() {
    }

    /**
     * A partner's own queue behind a shared one (hub.department.requests.FGW behind hub.department.requests): one
     * partner that is down never holds up another's messages.
     */
    public static String of(String queue, String partner) {
        return queue + "." + partner;
    }

    /** The Camel endpoint of a queue, consumed transacted (see JmsSetup). */
    public static String jms(String queue) {
        return "jms:queue:" + queue;
    }
}
