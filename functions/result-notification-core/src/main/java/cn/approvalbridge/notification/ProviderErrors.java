package cn.approvalbridge.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import cn.approvalbridge.support.ChinaTime;

/**
 * What a provider's error code means for the message, in three kinds that the sender treats differently:
 * <ul>
 * <li>{@link Kind#PERMANENT}: this message can never go (bad number, template or signature not approved, a variable
 * the template refuses): FAILED at once, no retry, no failover: the other provider must not be used to get round it.
 * <li>{@link Kind#NUMBER_LIMIT}: the provider's frequency limit for this number (or the account's daily/monthly
 * volume cap set in its console) is reached: wait until its {@link Window} ends, again at the same provider; the limit
 * protects the person and must not be dodged through the other provider.
 * <li>{@link Kind#TRANSIENT}: anything else (timeouts, 5xx, throttling of the account's API calls, credentials or
 * balance at that provider, unknown codes): retry, then fail over.
 * </ul>
 * Codes as the providers publish them: Alibaba Cloud dysmsapi "API错误码"
 * (https://help.aliyun.com/zh/sms/developer-reference/api-error-codes, document 101346); Tencent Cloud SMS "错误码"
 * (https://cloud.tencent.com/document/api/382/52075 and /59177) and the SDK's own list,
 * {@code com.tencentcloudapi.sms.v20210111.SmsErrorCode} in tencentcloud-sdk-java-sms 3.1.1281.
 */
public final class ProviderErrors {

    public enum Kind {
        PERMANENT,
        NUMBER_LIMIT,
        TRANSIENT
    }

    /** How long a per-number limit lasts: the wait ends at the start of the next window. */
    public enum Window {
        THIRTY_SECONDS,
        MINUTE,
        HOUR,
        /** The provider's day: Beijing-time midnight. */
        DAY,
        MONTH;

        public Instant end(Instant now) {
            LocalDate today = now.atZone(ChinaTime.ZONE).toLocalDate();
            return switch (this) {
                case THIRTY_SECONDS -> now.plus(Duration.ofSeconds(30));
                case MINUTE -> now.plus(Duration.ofMinutes(1));
                case HOUR -> now.plus(Duration.ofHours(1));
                case DAY -> today.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant();
                case MONTH -> today.withDayOfMonth(1).plusMonths(1).atStartOfDay(ChinaTime.ZONE).toInstant();
            };
        }
    }

    public record Classified(Kind kind, Window window) {
        static final Classified TRANSIENT = new Classified(Kind.TRANSIENT, null);
        static final Classified PERMANENT = new Classified(Kind.PERMANENT, null);
    }

    /** Alibaba Cloud: the message can never go as it is. */
    private static final Set<String> ALIYUN_PERMANENT = Set.of(
            "isv.MOBILE_NUMBER_ILLEGAL", "isv.MOBILE_COUNT_OVER_LIMIT", "isv.TEMPLATE_MISSING_PARAMETERS",
            "isv.TEMPLATE_PARAMS_ILLEGAL", "isv.SMS_TEMPLATE_ILLEGAL", "isv.SMS_SIGNATURE_ILLEGAL",
            "isv.SMS_SIGN_ILLEGAL", "isv.SIGN_STATE_ILLEGAL", "isv.SMS_SIGNATURE_SCENE_ILLEGAL",
            "isv.INVALID_JSON_PARAM", "isv.INVALID_PARAMETERS", "isv.PARAM_LENGTH_LIMIT", "isv.PARAM_NOT_SUPPORT_URL",
            "isv.BLACK_KEY_CONTROL_LIMIT", "isv.SMS_CONTENT_ILLEGAL", "isv.DOMESTIC_NUMBER_NOT_SUPPORTED",
            "isv.EXTEND_CODE_ERROR", "MissingPhoneNumbers", "MissingSignName", "MissingTemplateCode");

    /** Alibaba Cloud limits; isv.BUSINESS_LIMIT_CONTROL names its window in the message ("触发分钟级流控Permits:1"). */
    private static final Map<String, Window> ALIYUN_LIMITS = Map.of(
            "isv.BUSINESS_LIMIT_CONTROL", Window.HOUR,
            "isv.DAY_LIMIT_CONTROL", Window.DAY,
            "isv.MONTH_LIMIT_CONTROL", Window.MONTH);

    /** Tencent Cloud: the message can never go as it is. */
    private static final Set<String> TENCENT_PERMANENT = Set.of(
            "InvalidParameterValue.IncorrectPhoneNumber", "FailedOperation.PhoneNumberParseFail",
            "FailedOperation.PhoneNumberInBlacklist", "FailedOperation.TemplateIncorrectOrUnapproved",
            "FailedOperation.TemplateUnapprovedOrNotExist", "FailedOperation.TemplateIdNotExist",
            "FailedOperation.TemplateParamSetNotMatchApprovedTemplate", "FailedOperation.SignatureIncorrectOrUnapproved",
            "FailedOperation.MissingSignature", "FailedOperation.ContainSensitiveWord",
            "InvalidParameterValue.TemplateParameterLengthLimit", "InvalidParameterValue.TemplateParameterFormatError",
            "InvalidParameterValue.ContentLengthLimit", "InvalidParameterValue.ProhibitedUseUrlInTemplateParameter",
            "InvalidParameterValue.TemplateWithDirtyWords", "InvalidParameter.DirtyWordFound",
            "InvalidParameterValue.SignNameLengthTooLong", "MissingParameter.EmptyPhoneNumberSet",
            "UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone",
            "UnsupportedOperation.GlobalTemplateToChineseMainlandPhone");

    private static final Map<String, Window> TENCENT_LIMITS = Map.of(
            "LimitExceeded.PhoneNumberThirtySecondLimit", Window.THIRTY_SECONDS,
            "LimitExceeded.PhoneNumberOneHourLimit", Window.HOUR,
            "LimitExceeded.PhoneNumberDailyLimit", Window.DAY,
            "LimitExceeded.PhoneNumberSameContentDailyLimit", Window.DAY,
            "LimitExceeded.DeliveryFrequencyLimit", Window.HOUR,
            "LimitExceeded.AppDailyLimit", Window.DAY,
            "LimitExceeded.AppMainlandChinaDailyLimit", Window.DAY,
            "LimitExceeded.DailyLimit", Window.DAY);

    private ProviderErrors() {
    }

    static Classified aliyun(String code, String message) {
        if (code == null) {
            return Classified.TRANSIENT;
        }
        if (ALIYUN_PERMANENT.contains(code)) {
            return Classified.PERMANENT;
        }
        Window window = ALIYUN_LIMITS.get(code);
        if (window == null) {
            return Classified.TRANSIENT;
        }
        if (code.equals("isv.BUSINESS_LIMIT_CONTROL") && message != null) {
            if (message.contains("分钟")) {
                window = Window.MINUTE;
            } else if (message.contains("天") || message.contains("日")) {
                window = Window.DAY;
            }
        }
        return new Classified(Kind.NUMBER_LIMIT, window);
    }

    static Classified tencent(String code) {
        if (code == null) {
            return Classified.TRANSIENT;
        }
        if (TENCENT_PERMANENT.contains(code)) {
            return Classified.PERMANENT;
        }
        Window window = TENCENT_LIMITS.get(code);
        return window == null ? Classified.TRANSIENT : new Classified(Kind.NUMBER_LIMIT, window);
    }
}
