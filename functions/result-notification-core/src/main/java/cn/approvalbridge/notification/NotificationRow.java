package cn.approvalbridge.notification;

/** One row of rn_notification, as the service works with it. */
public class NotificationRow {

    public String notificationId;
    public String eventId;
    public String event;
    public String mobile;
    public String projectCode;
    public String projectName;
    public String rateKey;
    public String text;
    public int parts;
    public String templateValues;
    public boolean urgent;
    public NotificationStatus status;
    public Long dueAtMs;
    public Long sendAfterMs;
    public Long sentAtMs;
    public int attempts;
    public String provider;
    public String providerMessageId;
    public String lastError;
    public int version;
    public long createdAtMs;
}
