package cn.approvalbridge.hub.routes;

/** The broker queues between the hub's steps, and the dead-letter queue of each partner. */
public final class Queues {

    public static final String DECLARATIONS = "hub.declarations";
    public static final String DEPARTMENT_REQUESTS = "hub.department.requests";
    public static final String OPINIONS = "hub.opinions";
    public static final String CODE_ASSIGNMENT = "hub.code-assignment";
    public static final String INVESTMENT_PLATFORM = "hub.investment-platform";
    public static final String NOTIFICATIONS = "hub.notifications";

    public static final String DLQ_INTAKE = "hub.dlq.intake";
    public static final String DLQ_DEPARTMENT = "hub.dlq.department";
    public static final String DLQ_CODE_ASSIGNMENT = "hub.dlq.code-assignment";
    public static final String DLQ_INVESTMENT_PLATFORM = "hub.dlq.investment-platform";
    public static final String DLQ_NOTIFICATION = "hub.dlq.notification";

    private Queues() {
    }

    /** The Camel endpoint of a queue, consumed transacted (see JmsSetup). */
    public static String jms(String queue) {
        return "jms:queue:" + queue;
    }
}
