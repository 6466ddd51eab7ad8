package cn.approvalbridge.notification;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Look a notification up by the caller's eventId or by the notificationId this function answered. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class NotificationStatusRequest {

    public String eventId;
    public String notificationId;

    public NotificationStatusRequest() {
    }

    public static NotificationStatusRequest byEventId(String eventId) {
        NotificationStatusRequest r = new NotificationStatusRequest();
        r.eventId = eventId;
        return r;
    }

    public static NotificationStatusRequest byNotificationId(String notificationId) {
        NotificationStatusRequest r = new NotificationStatusRequest();
        r.notificationId = notificationId;
        return r;
    }
}
