package cn.approvalbridge.hub.platform.broker;

/** Names of the headers and exchange properties the hub's routes use. */
public final class HubHeaders {

    /** The declaration a message is about (header, also useful in broker consoles). */
    public static final String DECLARATION_ID = "HubDeclarationId";
    /** The department a message is about. */
    public static final String DEPARTMENT_CODE = "HubDepartmentCode";
    /** Set by an idempotent step that finds its work already done: the partner call is skipped. */
    public static final String ALREADY_DONE = "HubAlreadyDone";

    /** Exchange property: the request as sent to a partner, recorded in the trail once the partner took it. */
    public static final String SENT_REQUEST = "HubSentRequest";

    /** Exchange properties read by the dead-letter route. */
    public static final String SOURCE_QUEUE = "HubSourceQueue";
    public static final String DEAD_LETTER_QUEUE = "HubDeadLetterQueue";
    public static final String PARTNER = "HubPartner";

    /** A message's id, the same on each of its re-sends (a partner de-duplicates by it): header and property. */
    public static final String MESSAGE_ID = "HubMessageId";
    /**
     * Exchange property: the key a partner call is claimed and de-duplicated under when a step has its own (one
     * registration per declaration, whatever message asked for it); without it, the message id.
     */
    public static final String CLAIM_KEY = "HubClaimKey";
    /** Headers of a message re-sent with a delivery delay: how many times it failed, and when first (epoch ms). */
    public static final String ATTEMPT = "HubAttempt";
    public static final String FIRST_FAILURE = "HubFirstFailure";
    /** Exchange property: the failed message was re-sent with a delay, not dead-lettered. */
    public static final String RETRIED = "HubRetried";
    /** Exchange property: the queue a message is moved to. */
    public static final String TARGET_QUEUE = "HubTargetQueue";

    private HubHeaders() {
    }
}
