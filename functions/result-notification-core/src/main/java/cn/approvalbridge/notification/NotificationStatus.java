package cn.approvalbridge.notification;

/** The life of one notification: ACCEPTED → (DEFERRED →)* SENT → DELIVERED | FAILED. */
public enum NotificationStatus {
    ACCEPTED,
    DEFERRED,
    SENT,
    DELIVERED,
    FAILED
}
