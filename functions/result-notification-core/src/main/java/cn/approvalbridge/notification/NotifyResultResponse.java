package cn.approvalbridge.notification;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.approvalbridge.support.FieldError;

/** The answer to notifyResult; always a body (REJECTED included), never an HTTP error. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NotifyResultResponse {

    public Outcome outcome;
    public String notificationId;
    /** The whole message, signature first. */
    public String text;
    /** Billed parts: up to 70 characters is one part, longer texts bill in parts of 67. */
    public Integer parts;
    /** ISO-8601 with +08:00, when DEFERRED. */
    public String sendAfter;
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public List<FieldError> errors = new ArrayList<>();

    public NotifyResultResponse() {
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public String getNotificationId() {
        return notificationId;
    }

    public String getText() {
        return text;
    }

    public Integer getParts() {
        return parts;
    }

    public String getSendAfter() {
        return sendAfter;
    }

    public List<FieldError> getErrors() {
        return errors;
    }
}
