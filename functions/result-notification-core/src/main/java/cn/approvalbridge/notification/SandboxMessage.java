package cn.approvalbridge.notification;

import java.util.Map;

/** One SMS the sandbox provider accepted, as a gateway would have received it. */
public class SandboxMessage {

    public String messageId;
    public String notificationId;
    public String mobile;
    public String signName;
    public String event;
    public String text;
    public Map<String, String> values;
    /** DELIVERED, FAILED or SENT (no receipt), as the magic numbers decide. */
    public String outcome;
    public String sentAt;

    public SandboxMessage() {
    }
}
