package cn.approvalbridge.notification;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Read what the sandbox provider "sent": to one number, or (mobile absent) the latest messages to anyone. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class SandboxMessagesRequest {

    public String mobile;

    public SandboxMessagesRequest() {
    }
}
