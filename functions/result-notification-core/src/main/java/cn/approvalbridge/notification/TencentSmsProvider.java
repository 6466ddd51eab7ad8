package cn.approvalbridge.notification;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.sms.v20210111.SmsClient;
import com.tencentcloudapi.sms.v20210111.models.PullSmsSendStatusByPhoneNumberRequest;
import com.tencentcloudapi.sms.v20210111.models.PullSmsSendStatusByPhoneNumberResponse;
import com.tencentcloudapi.sms.v20210111.models.SendSmsRequest;
import com.tencentcloudapi.sms.v20210111.models.SendSmsResponse;
import com.tencentcloudapi.sms.v20210111.models.SendStatus;

/**
 * Tencent Cloud SMS (2021-01-11 SendSms) through the official SDK. The answered SerialNo is stored: Tencent's delivery
 * reports name it as {@code sid}. SessionContext carries our notificationId; {@link #find} is
 * PullSmsSendStatusByPhoneNumber for the number over the window, matched on SessionContext.
 */
public class TencentSmsProvider implements SmsProvider {

    public static final String NAME = "tencent";

    private final SmsClient client;
    private final String sdkAppId;
    private final int maxVariableLength;

    public TencentSmsProvider(NotificationConfig.Tencent config) {
        Credential credential = new Credential(config.secretId().orElseThrow(), config.secretKey().orElseThrow());
        HttpProfile http = new HttpProfile();
        http.setEndpoint(config.endpoint());
        http.setProtocol(config.protocol());
        http.setReqMethod("POST");
        // Connect fast, allow the gateway 10 s to answer: one notification must not hold its caller for long.
        http.setConnTimeout(config.connectTimeoutSeconds());
        http.setReadTimeout(config.readTimeoutSeconds());
        ClientProfile profile = new ClientProfile();
        profile.setHttpProfile(http);
        this.client = new SmsClient(credential, config.region(), profile);
        this.sdkAppId = config.sdkAppId().orElseThrow();
        this.maxVariableLength = config.maxVariableLength();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SmsSendResult send(SmsMessage message) throws SmsProviderException {
        String templateId = message.template().tencentTemplateId();
        if (templateId == null) {
            throw new SmsProviderException(NAME, "no_template_id", "no tencentTemplateId for " + message.event());
        }
        List<String> order = message.template().tencentOrder();
        String[] params = order.stream().map(name -> message.values().getOrDefault(name, "")).toArray(String[]::new);
        SendSmsRequest request = new SendSmsRequest();
        request.setPhoneNumberSet(new String[] { "+86" + message.mobile() });
        request.setSmsSdkAppId(sdkAppId);
        request.setSignName(message.signName());
        request.setTemplateId(templateId);
        request.setTemplateParamSet(params);
        request.setSessionContext(message.notificationId());
        SendSmsResponse response;
        try {
            response = client.SendSms(request);
        } catch (TencentCloudSDKException e) {
            throw error(e.getErrorCode(), e.getMessage());
        } catch (RuntimeException e) {
            throw new SmsProviderException(NAME, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
        SendStatus[] statuses = response.getSendStatusSet();
        if (statuses == null || statuses.length == 0) {
            throw new SmsProviderException(NAME, "empty_answer", "no SendStatusSet, RequestId " + response.getRequestId());
        }
        SendStatus status = statuses[0];
        if (!"Ok".equalsIgnoreCase(status.getCode())) {
            throw error(status.getCode(), status.getMessage());
        }
        return new SmsSendResult(NAME, status.getSerialNo(), null, "RequestId " + response.getRequestId());
    }

    @Override
    public Optional<SmsSendResult> find(String notificationId, String mobile, long fromMs, long toMs)
            throws SmsProviderException {
        PullSmsSendStatusByPhoneNumberRequest request = new PullSmsSendStatusByPhoneNumberRequest();
        request.setPhoneNumber("+86" + mobile);
        request.setSmsSdkAppId(sdkAppId);
        request.setBeginTime(fromMs / 1000);
        request.setEndTime(toMs / 1000 + 1);
        request.setOffset(0L);
        request.setLimit(100L);
        try {
            return match(client.PullSmsSendStatusByPhoneNumber(request), notificationId);
        } catch (TencentCloudSDKException e) {
            throw error(e.getErrorCode(), e.getMessage());
        } catch (RuntimeException e) {
            throw new SmsProviderException(NAME, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    /**
     * The status among a PullSmsSendStatusByPhoneNumber answer whose SessionContext is our notificationId, with its
     * SerialNo (the sid of delivery reports) and ReportStatus (SUCCESS delivered, FAIL failed on delivery).
     */
    static Optional<SmsSendResult> match(PullSmsSendStatusByPhoneNumberResponse response, String notificationId) {
        if (response == null || response.getPullSmsSendStatusSet() == null) {
            return Optional.empty();
        }
        return Arrays.stream(response.getPullSmsSendStatusSet()).filter(s -> notificationId.equals(s.getSessionContext()))
                .findFirst().map(s -> new SmsSendResult(NAME, s.getSerialNo(),
                        "SUCCESS".equalsIgnoreCase(s.getReportStatus()) ? NotificationStatus.DELIVERED
                                : "FAIL".equalsIgnoreCase(s.getReportStatus()) ? NotificationStatus.FAILED : null,
                        "PullSmsSendStatusByPhoneNumber ReportStatus " + s.getReportStatus() + ", RequestId "
                                + response.getRequestId()));
    }

    /** An answer's Error.Code, or the Code of the number's SendStatus: both are classified. */
    private static SmsProviderException error(String code, String message) {
        String c = code == null || code.isBlank() ? "no_code" : code;
        return new SmsProviderException(NAME, c, String.valueOf(message), ProviderErrors.tencent(code));
    }

    @Override
    public int maxVariableLength() {
        return maxVariableLength;
    }
}
