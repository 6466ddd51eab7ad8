package cn.approvalbridge.notification;

/** What happened to a notifyResult request. */
public enum Outcome {
    /** A provider accepted the message now. */
    SENT,
    /** The eventId was seen before: nothing was sent this time. */
    DUPLICATE,
    /**
     * Kept and sent later (quiet hours, a per-number limit, the provider's limit for the number, or every provider
     * failing): see sendAfter.
     */
    DEFERRED,
    /** A provider refused the message for good (bad number, template or signature not approved): see the status. */
    FAILED,
    /** Bad input: nothing was stored or sent; see errors. */
    REJECTED
}
