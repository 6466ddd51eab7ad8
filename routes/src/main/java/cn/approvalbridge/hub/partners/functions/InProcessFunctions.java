package cn.approvalbridge.hub.partners.functions;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.codeassignment.AssignCodeRequest;
import cn.approvalbridge.codeassignment.CodeAssignmentService;
import cn.approvalbridge.notification.AliyunSmsReport;
import cn.approvalbridge.notification.NotificationService;
import cn.approvalbridge.notification.NotifyResultRequest;
import cn.approvalbridge.notification.TencentSmsReport;

/**
 * The embedded default: the function cores run in this JVM, on the hub's database (their migrations run with the hub's).
 * The same JSON contracts as the remote adapters, mapped with Jackson, so the three adapters cannot drift apart.
 */
@ApplicationScoped
@jakarta.enterprise.inject.Typed(InProcessFunctions.class)
public class InProcessFunctions implements FunctionsGateway {

    @Inject
    CodeAssignmentService codes;

    @Inject
    NotificationService notifications;

    @Inject
    ObjectMapper json;

    @Override
    public AssignCodeReply assignCode(AssignCodeCall call) {
        return json.convertValue(codes.assign(json.convertValue(call, AssignCodeRequest.class)), AssignCodeReply.class);
    }

    @Override
    public NotifyReply notify(NotifyCall call) {
        return json.convertValue(notifications.notify(json.convertValue(call, NotifyResultRequest.class)), NotifyReply.class);
    }

    @Override
    public String deliveryReports(String provider, String reportsJson) {
        try {
            Object answer = switch (provider) {
                case "aliyun" -> notifications.aliyunReports(json.readValue(reportsJson, new TypeReference<List<AliyunSmsReport>>() {
                }));
                case "tencent" -> notifications.tencentReports(json.readValue(reportsJson,
                        new TypeReference<List<TencentSmsReport>>() {
                        }));
                default -> throw new IllegalArgumentException("no SMS provider " + provider);
            };
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not " + provider + "'s report format: " + e.getOriginalMessage(), e);
        }
    }
}
