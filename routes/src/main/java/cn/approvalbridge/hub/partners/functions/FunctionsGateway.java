package cn.approvalbridge.hub.partners.functions;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import cn.approvalbridge.support.FieldError;

/**
 * The two functions as the hub sees them, in their JSON contracts (functions/code-assignment and
 * functions/result-notification). Adapters: in-process (the cores in this JVM, the embedded default), AWS Lambda and
 * HTTP (cloud), chosen by hub.functions.mode. Both calls are idempotent by key (declarationId, eventId): the hub may
 * repeat a call after a crash and nothing happens twice.
 */
public interface FunctionsGateway {

    AssignCodeReply assignCode(AssignCodeCall call);

    NotifyReply notify(NotifyCall call);

    /** A provider's delivery reports (aliyun, tencent: their JSON arrays) to the notification function; its answer. */
    String deliveryReports(String provider, String reportsJson);

    record AssignCodeCall(String declarationId, String regionCode, String departmentCode, String projectTypeCode) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AssignCodeReply(String outcome, String declarationId, String projectCode, String assignedAt,
            List<FieldError> errors) {
        public boolean assigned() {
            return "ASSIGNED".equals(outcome) || "ALREADY_ASSIGNED".equals(outcome);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NotifyCall(String eventId, String event, String mobile, String projectCode, String projectName,
            Map<String, String> params, boolean urgent) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record NotifyReply(String outcome, String notificationId, String text, Integer parts, String sendAfter,
            List<FieldError> errors) {
        public boolean rejected() {
            return "REJECTED".equals(outcome);
        }
    }
}
