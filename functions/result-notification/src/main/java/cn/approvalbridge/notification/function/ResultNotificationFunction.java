package cn.approvalbridge.notification.function;

import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.funqy.Funq;

import cn.approvalbridge.notification.AliyunReportAnswer;
import cn.approvalbridge.notification.AliyunSmsReport;
import cn.approvalbridge.notification.FlushResult;
import cn.approvalbridge.notification.NotificationService;
import cn.approvalbridge.notification.NotificationStatusRequest;
import cn.approvalbridge.notification.NotificationStatusResponse;
import cn.approvalbridge.notification.NotifyResultRequest;
import cn.approvalbridge.notification.NotifyResultResponse;
import cn.approvalbridge.notification.SandboxMessage;
import cn.approvalbridge.notification.SandboxMessagesRequest;
import cn.approvalbridge.notification.SandboxSmsProvider;
import cn.approvalbridge.notification.TencentReportAnswer;
import cn.approvalbridge.notification.TencentSmsReport;

/** The result-notification functions; each answers with a JSON body (REJECTED included), the core decides. */
public class ResultNotificationFunction {

    @Inject
    NotificationService service;

    @Inject
    SandboxSmsProvider sandbox;

    @Funq
    public NotifyResultResponse notifyResult(NotifyResultRequest request) {
        return service.notify(request);
    }

    /** Sends what has come due; invoked by the AWS schedule on Lambda, by the internal scheduler elsewhere. */
    @Funq
    public FlushResult flushDeferred() {
        return service.flushDeferred();
    }

    /** Alibaba Cloud pushes a JSON array of delivery reports here; it expects {"code":0,"msg":"成功"}. */
    @Funq
    public AliyunReportAnswer aliyunSmsReport(List<AliyunSmsReport> reports) {
        return service.aliyunReports(reports);
    }

    /** Tencent Cloud pushes a JSON array of delivery reports here; it expects {"result":0,"errmsg":"OK"}. */
    @Funq
    public TencentReportAnswer tencentSmsReport(List<TencentSmsReport> reports) {
        return service.tencentReports(reports);
    }

    @Funq
    public NotificationStatusResponse notificationStatus(NotificationStatusRequest request) {
        return service.status(request);
    }

    /** What the sandbox provider "sent" (to one number, or the latest 100): for tests and people, never real SMS. */
    @Funq
    public List<SandboxMessage> sandboxMessages(SandboxMessagesRequest request) {
        return sandbox.messages(request == null ? null : request.mobile);
    }
}
