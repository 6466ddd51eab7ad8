package cn.approvalbridge.notification;

/** One step of a notification's history. */
public class StatusChange {

    public NotificationStatus status;
    /** ISO-8601 with +08:00. */
    public String at;
    public String detail;

    public StatusChange() {
    }

    public StatusChange(NotificationStatus status, String at, String detail) {
        this.status = status;
        this.at = at;
        this.detail = detail;
    }
}
