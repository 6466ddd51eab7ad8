package cn.approvalbridge.hub.utility;


/** The broker queues of the utility connection flow and its dead-letter queue. */
public final class UtilityQueues {

    /** Accepted joint applications, to be split per provider. */
    public static final String APPLICATIONS = "hub.utility.applications";
    /** Messages to providers, one queue per transport. */
    public static final String TO_JSON_PROVIDERS = "hub.utility.out.json";
    public static final String TO_XML_PROVIDERS = "hub.utility.out.xml";
    public static final String TO_SFTP_PROVIDERS = "hub.utility.out.sftp";
    /** Provider answers that arrive in files (one row per message), and replays of rejected provider input. */
    public static final String PROVIDER_INPUT = "hub.utility.provider-input";
    public static final String DLQ_UTILITY = "hub.dlq.utility";

    private UtilityQueues() {
    }

    public static String outbound(Utility u) {
        return switch (u.transport()) {
            case JSON_HTTPS -> TO_JSON_PROVIDERS;
            case XML_HTTPS -> TO_XML_PROVIDERS;
            case CSV_SFTP -> TO_SFTP_PROVIDERS;
        };
    }
}
