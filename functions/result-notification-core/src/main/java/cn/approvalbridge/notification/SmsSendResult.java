package cn.approvalbridge.notification;

/**
 * A provider accepted a message. {@code messageId} is what its delivery reports name (Aliyun BizId, Tencent SerialNo /
 * sid). {@code immediateOutcome} is set only by the sandbox, which "delivers" at once.
 */
public record SmsSendResult(String provider, String messageId, NotificationStatus immediateOutcome, String detail) {
}
