package cn.approvalbridge.hub.partners.functions;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Shared by the remote adapters: the call is the function's JSON request, the reply its JSON answer. */
abstract class RemoteFunctions implements FunctionsGateway {

    abstract ObjectMapper json();

    /** Sends {@code request} to the function {@code target} (a Lambda name or a base URL) and returns its answer body. */
    abstract String invoke(String target, String function, String request);

    abstract String codeAssignmentTarget();

    abstract String resultNotificationTarget();

    @Override
    public AssignCodeReply assignCode(AssignCodeCall call) {
        return call(codeAssignmentTarget(), "assignCode", call, AssignCodeReply.class);
    }

    @Override
    public NotifyReply notify(NotifyCall call) {
        return call(resultNotificationTarget(), "notifyResult", call, NotifyReply.class);
    }

    @Override
    public String deliveryReports(String provider, String reportsJson) {
        return invoke(resultNotificationTarget(), provider + "SmsReport", reportsJson);
    }

    private <T> T call(String target, String function, Object request, Class<T> type) {
        try {
            return json().readValue(invoke(target, function, json().writeValueAsString(request)), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("The " + function + " function answered something that is not its JSON contract: "
                    + e.getOriginalMessage(), e);
        }
    }
}
