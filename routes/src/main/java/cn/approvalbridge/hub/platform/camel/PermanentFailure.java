package cn.approvalbridge.hub.platform.camel;

/** A partner refused a message for good (bad data, not an outage): retrying cannot help, it goes to the dead letters. */
public class PermanentFailure extends RuntimeException {
    public PermanentFailure(String message) {
        super(message);
    }
}
