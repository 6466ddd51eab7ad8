package cn.approvalbridge.notification;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.approvalbridge.support.FieldError;

/** The current status of one notification and every change it went through, oldest first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NotificationStatusResponse {

    public String notificationId;
    public String eventId;
    public String event;
    /** Masked: 138****8000. */
    public String mobile;
    public NotificationStatus status;
    /**
     * The whole message, signature first, with every value in full: providers may have received some values cut to
     * their variable limits (the SENT history entry names them).
     */
    public String text;
    public String provider;
    public String sendAfter;
    public Integer attempts;
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public List<StatusChange> history = new ArrayList<>();
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public List<FieldError> errors = new ArrayList<>();

    public NotificationStatusResponse() {
    }
}
