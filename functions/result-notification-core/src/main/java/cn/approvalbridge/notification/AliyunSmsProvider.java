package cn.approvalbridge.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.aliyun.dysmsapi20170525.Client;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsRequest;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsResponse;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsResponseBody.QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO;
import com.aliyun.dysmsapi20170525.models.SendSmsRequest;
import com.aliyun.dysmsapi20170525.models.SendSmsResponse;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.support.ChinaTime;

/**
 * Alibaba Cloud SMS (dysmsapi 2017-05-25 SendSms) through the official SDK. OutId carries our notificationId and the
 * answered BizId is stored, so a delivery report finds its notification by either. {@link #find} is QuerySendDetails
 * for the number on each Beijing-time day of the window, matched on OutId.
 */
public class AliyunSmsProvider implements SmsProvider {

    public static final String NAME = "aliyun";

    private final Client client;
    private final RuntimeOptions runtime;
    private final ObjectMapper mapper = new ObjectMapper();
    private final int maxVariableLength;

    public AliyunSmsProvider(NotificationConfig.Aliyun config) {
        Config c = new Config()
                .setAccessKeyId(config.accessKeyId().orElseThrow())
                .setAccessKeySecret(config.accessKeySecret().orElseThrow())
                .setEndpoint(config.endpoint())
                .setProtocol(config.protocol())
                .setConnectTimeout(config.connectTimeoutMs())
                .setReadTimeout(config.readTimeoutMs());
        try {
            this.client = new Client(c);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the Alibaba Cloud SMS client for endpoint " + config.endpoint()
                    + ": " + e.getMessage(), e);
        }
        maxVariableLength = config.maxVariableLength();
        runtime = new RuntimeOptions();
        // SendSms is not idempotent: the SDK must not retry on its own; failover and back-off are ours.
        runtime.autoretry = false;
        // Timeouts bound how long one notification holds a caller: connect fast, allow the gateway 10 s to answer.
        runtime.connectTimeout = config.connectTimeoutMs();
        runtime.readTimeout = config.readTimeoutMs();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SmsSendResult send(SmsMessage message) throws SmsProviderException {
        String templateCode = message.template().aliyunTemplateCode();
        if (templateCode == null) {
            throw new SmsProviderException(NAME, "no_template_code", "no aliyunTemplateCode for " + message.event());
        }
        SendSmsRequest request = new SendSmsRequest()
                .setPhoneNumbers(message.mobile())
                .setSignName(message.signName())
                .setTemplateCode(templateCode)
                .setTemplateParam(json(message.values()))
                .setOutId(message.notificationId());
        SendSmsResponse response;
        try {
            response = client.sendSmsWithOptions(request, runtime);
        } catch (TeaException e) {
            throw error(e.getCode(), e.getMessage());
        } catch (Exception e) {
            throw new SmsProviderException(NAME, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
        if (response == null || response.getBody() == null) {
            throw new SmsProviderException(NAME, "empty_answer", "no body in the SendSms answer");
        }
        if (!"OK".equalsIgnoreCase(response.getBody().getCode())) {
            throw error(response.getBody().getCode(), response.getBody().getMessage());
        }
        return new SmsSendResult(NAME, response.getBody().getBizId(), null, "RequestId " + response.getBody().getRequestId());
    }

    @Override
    public Optional<SmsSendResult> find(String notificationId, String mobile, long fromMs, long toMs)
            throws SmsProviderException {
        for (String day : sendDates(fromMs, toMs)) {
            QuerySendDetailsRequest request = new QuerySendDetailsRequest().setPhoneNumber(mobile).setSendDate(day)
                    .setPageSize(50L).setCurrentPage(1L);
            QuerySendDetailsResponse response;
            try {
                response = client.querySendDetailsWithOptions(request, runtime);
            } catch (TeaException e) {
                throw error(e.getCode(), e.getMessage());
            } catch (Exception e) {
                throw new SmsProviderException(NAME, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
            }
            Optional<SmsSendResult> found = match(response, notificationId);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** QuerySendDetails' SendDate (yyyyMMdd, Beijing time) of every day the window touches. */
    static List<String> sendDates(long fromMs, long toMs) {
        List<String> days = new java.util.ArrayList<>();
        LocalDate last = LocalDate.ofInstant(Instant.ofEpochMilli(toMs), ChinaTime.ZONE);
        for (LocalDate d = LocalDate.ofInstant(Instant.ofEpochMilli(fromMs), ChinaTime.ZONE); !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d.format(DateTimeFormatter.BASIC_ISO_DATE));
        }
        return days;
    }

    /**
     * The message among a QuerySendDetails answer whose OutId is our notificationId. SendStatus 3 is delivered, 2
     * failed on delivery, 1 waiting for its report; Alibaba Cloud does not repeat the BizId here, so the row keeps none
     * and a later delivery report finds it by out_id.
     */
    static Optional<SmsSendResult> match(QuerySendDetailsResponse response, String notificationId) throws SmsProviderException {
        if (response == null || response.getBody() == null) {
            throw new SmsProviderException(NAME, "empty_answer", "no body in the QuerySendDetails answer");
        }
        if (!"OK".equalsIgnoreCase(response.getBody().getCode())) {
            throw error(response.getBody().getCode(), response.getBody().getMessage());
        }
        List<QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO> details =
                response.getBody().getSmsSendDetailDTOs() == null ? null
                        : response.getBody().getSmsSendDetailDTOs().getSmsSendDetailDTO();
        if (details == null) {
            return Optional.empty();
        }
        return details.stream().filter(d -> notificationId.equals(d.getOutId())).findFirst().map(d -> {
            Long status = d.getSendStatus();
            NotificationStatus outcome = status == null ? null : status == 3L ? NotificationStatus.DELIVERED
                    : status == 2L ? NotificationStatus.FAILED : null;
            return new SmsSendResult(NAME, null, outcome, "QuerySendDetails SendStatus " + status
                    + (d.getErrCode() == null ? "" : " " + d.getErrCode()) + ", RequestId " + response.getBody().getRequestId());
        });
    }

    /** Business errors come as a 200 answer with a Code, HTTP errors as a TeaException with one: both are classified. */
    private static SmsProviderException error(String code, String message) {
        return new SmsProviderException(NAME, String.valueOf(code), String.valueOf(message), ProviderErrors.aliyun(code, message));
    }

    /** Alibaba Cloud's default per-variable limit (35 characters) unless configured otherwise; 0 = none. */
    @Override
    public int maxVariableLength() {
        return maxVariableLength;
    }

    private String json(Map<String, String> values) {
        try {
            return mapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
