package cn.approvalbridge.notification;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Tell a project unit, by SMS, that a milestone was reached. {@code event} is a String, not an enum, so that an unknown
 * event is answered REJECTED in the body rather than failing to parse.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class NotifyResultRequest {

    /** The idempotency key: the same eventId is sent at most once, whatever else the request says. */
    public String eventId;
    public String event;
    public String mobile;
    public String projectCode;
    public String projectName;
    public Map<String, String> params = new LinkedHashMap<>();
    public boolean urgent;

    public NotifyResultRequest() {
    }

    public NotifyResultRequest(String eventId, String event, String mobile, String projectCode, String projectName,
            Map<String, String> params, boolean urgent) {
        this.eventId = eventId;
        this.event = event;
        this.mobile = mobile;
        this.projectCode = projectCode;
        this.projectName = projectName;
        this.params = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
        this.urgent = urgent;
    }
}
