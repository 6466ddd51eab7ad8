package cn.approvalbridge.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.approvalbridge.support.ChinaTime;

/** The providers' published error codes in their three kinds, the limits' windows, and the cut of long variables. */
class ProviderErrorsTest {

    @ParameterizedTest
    @CsvSource({
            "isv.MOBILE_NUMBER_ILLEGAL, , PERMANENT, ",
            "isv.TEMPLATE_MISSING_PARAMETERS, , PERMANENT, ",
            "isv.SMS_TEMPLATE_ILLEGAL, , PERMANENT, ",
            "isv.SMS_SIGNATURE_ILLEGAL, , PERMANENT, ",
            "isv.PARAM_LENGTH_LIMIT, , PERMANENT, ",
            "isv.BUSINESS_LIMIT_CONTROL, 触发分钟级流控Permits:1, NUMBER_LIMIT, MINUTE",
            "isv.BUSINESS_LIMIT_CONTROL, 触发小时级流控Permits:5, NUMBER_LIMIT, HOUR",
            "isv.BUSINESS_LIMIT_CONTROL, 触发天级流控Permits:10, NUMBER_LIMIT, DAY",
            "isv.DAY_LIMIT_CONTROL, 触发日发送限额, NUMBER_LIMIT, DAY",
            "isv.MONTH_LIMIT_CONTROL, , NUMBER_LIMIT, MONTH",
            "isp.SYSTEM_ERROR, , TRANSIENT, ",
            "Throttling.User, Request was denied due to user flow control., TRANSIENT, ",
            "isv.OUT_OF_SERVICE, 业务停机, TRANSIENT, ",
            "InternalError, , TRANSIENT, ",
    })
    void aliyunCodes(String code, String message, ProviderErrors.Kind kind, ProviderErrors.Window window) {
        ProviderErrors.Classified c = ProviderErrors.aliyun(code, message);
        assertEquals(kind, c.kind());
        assertEquals(window, c.window());
    }

    @ParameterizedTest
    @CsvSource({
            "InvalidParameterValue.IncorrectPhoneNumber, PERMANENT, ",
            "FailedOperation.TemplateIncorrectOrUnapproved, PERMANENT, ",
            "FailedOperation.SignatureIncorrectOrUnapproved, PERMANENT, ",
            "InvalidParameterValue.TemplateParameterLengthLimit, PERMANENT, ",
            "LimitExceeded.PhoneNumberThirtySecondLimit, NUMBER_LIMIT, THIRTY_SECONDS",
            "LimitExceeded.PhoneNumberOneHourLimit, NUMBER_LIMIT, HOUR",
            "LimitExceeded.PhoneNumberDailyLimit, NUMBER_LIMIT, DAY",
            "InternalError.Timeout, TRANSIENT, ",
            "RequestLimitExceeded, TRANSIENT, ",
            "AuthFailure.SignatureFailure, TRANSIENT, ",
            "UnauthorizedOperation.ServiceSuspendDueToArrears, TRANSIENT, ",
    })
    void tencentCodes(String code, ProviderErrors.Kind kind, ProviderErrors.Window window) {
        ProviderErrors.Classified c = ProviderErrors.tencent(code);
        assertEquals(kind, c.kind());
        assertEquals(window, c.window());
    }

    @Test
    void unknownOrMissingCodesAreTransient() {
        assertEquals(ProviderErrors.Kind.TRANSIENT, ProviderErrors.aliyun(null, null).kind());
        assertEquals(ProviderErrors.Kind.TRANSIENT, ProviderErrors.tencent("SomethingNew.NeverSeen").kind());
        assertNull(ProviderErrors.tencent(null).window());
    }

    @Test
    void windowsEndOnBeijingTime() {
        Instant at = LocalDateTime.of(2026, 3, 31, 23, 59, 50).atZone(ChinaTime.ZONE).toInstant();
        assertEquals(at.plusSeconds(30), ProviderErrors.Window.THIRTY_SECONDS.end(at));
        assertEquals(LocalDateTime.of(2026, 4, 1, 0, 0).atZone(ChinaTime.ZONE).toInstant(), ProviderErrors.Window.DAY.end(at));
        assertEquals(LocalDateTime.of(2026, 4, 1, 0, 0).atZone(ChinaTime.ZONE).toInstant(), ProviderErrors.Window.MONTH.end(at));
    }

    @Test
    void cutKeepsWholeCharactersAndMarksTheCut() {
        assertEquals("项目名称", SmsText.cut("项目名称", 4));
        assertEquals("项目…", SmsText.cut("项目名称", 3));
        assertEquals("长变量", SmsText.cut("长变量", 0), "0: no limit");
        // A character outside the BMP counts once and is never split.
        assertEquals("ab𠀀…", SmsText.cut("ab𠀀𠀁cd", 4));
        // A letter keeps its combining mark: the cut falls before the pair, not between its parts.
        assertEquals("ab…", SmsText.cut("abe\u0301fg", 4));
        assertEquals("abe\u0301…", SmsText.cut("abe\u0301fgh", 5));
    }

    @Test
    void cutNotesEveryValueItShortened() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("projectCode", "2603-141124-89-05-346948");
        values.put("reasons", "审".repeat(40));
        List<String> cuts = new ArrayList<>();
        Map<String, String> out = ProviderFailover.cut(values, 35, cuts);
        assertEquals("2603-141124-89-05-346948", out.get("projectCode"));
        assertEquals("审".repeat(34) + "…", out.get("reasons"));
        assertEquals(List.of("reasons (40)"), cuts);
    }
}
