package cn.approvalbridge.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.aliyun.dysmsapi20170525.models.QuerySendDetailsResponse;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsResponseBody;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsResponseBody.QuerySendDetailsResponseBodySmsSendDetailDTOs;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsResponseBody.QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO;
import com.tencentcloudapi.sms.v20210111.models.PullSmsSendStatus;
import com.tencentcloudapi.sms.v20210111.models.PullSmsSendStatusByPhoneNumberResponse;

import cn.approvalbridge.support.ChinaTime;

/** What the providers' query answers (the official SDK's response objects) say about an interrupted send. */
class ProviderLookupTest {

    private static final String ID = "0b7d3c9e-5a61-4c2f-9e0e-2f3a4b5c6d7e";
    private static final String OTHER = "9f1e2d3c-0000-4000-8000-000000000001";

    private static QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO aliyunDetail(String outId, long status) {
        return new QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO().setOutId(outId).setSendStatus(status)
                .setPhoneNum("18612345678").setSendDate("2026-03-10 10:00:01").setErrCode("DELIVERED")
                .setTemplateCode("SMS_123");
    }

    private static QuerySendDetailsResponse aliyun(String code, List<QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO> details) {
        QuerySendDetailsResponseBody body = new QuerySendDetailsResponseBody().setCode(code).setMessage("OK")
                .setRequestId("R-1").setTotalCount(String.valueOf(details.size()))
                .setSmsSendDetailDTOs(new QuerySendDetailsResponseBodySmsSendDetailDTOs().setSmsSendDetailDTO(details));
        return new QuerySendDetailsResponse().setBody(body);
    }

    @Test
    void aliyunFindsTheMessageByOutIdAmongTheNumbersMessagesOfTheDay() throws Exception {
        Optional<SmsSendResult> found = AliyunSmsProvider.match(aliyun("OK", List.of(aliyunDetail(OTHER, 3),
                aliyunDetail(ID, 3))), ID);
        assertTrue(found.isPresent());
        assertEquals("aliyun", found.get().provider());
        assertEquals(NotificationStatus.DELIVERED, found.get().immediateOutcome());
        assertEquals(NotificationStatus.FAILED,
                AliyunSmsProvider.match(aliyun("OK", List.of(aliyunDetail(ID, 2))), ID).orElseThrow().immediateOutcome());
        assertNull(AliyunSmsProvider.match(aliyun("OK", List.of(aliyunDetail(ID, 1))), ID).orElseThrow().immediateOutcome(),
                "waiting for its report: SENT, the report will tell");
    }

    @Test
    void aliyunWithoutTheOutIdHasNoRecordAndAnErrorAnswerCannotTell() {
        assertTrue(assertDoesNotThrow(() -> AliyunSmsProvider.match(aliyun("OK", List.of(aliyunDetail(OTHER, 3))), ID)).isEmpty());
        assertTrue(assertDoesNotThrow(() -> AliyunSmsProvider.match(aliyun("OK", List.of()), ID)).isEmpty());
        SmsProviderException e = assertThrows(SmsProviderException.class,
                () -> AliyunSmsProvider.match(aliyun("isv.BUSINESS_LIMIT_CONTROL", List.of()), ID));
        assertTrue(e.getMessage().contains("isv.BUSINESS_LIMIT_CONTROL"), e.getMessage());
        assertThrows(SmsProviderException.class, () -> AliyunSmsProvider.match(new QuerySendDetailsResponse(), ID));
    }

    @Test
    void aliyunAsksEveryBeijingDayTheWindowTouches() {
        long beforeMidnight = LocalDateTime.of(2026, 3, 10, 23, 58).atZone(ChinaTime.ZONE).toInstant().toEpochMilli();
        assertEquals(List.of("20260310"), AliyunSmsProvider.sendDates(beforeMidnight, beforeMidnight + 60_000));
        assertEquals(List.of("20260310", "20260311"), AliyunSmsProvider.sendDates(beforeMidnight, beforeMidnight + 300_000));
    }

    private static PullSmsSendStatus tencentStatus(String sessionContext, String report) {
        PullSmsSendStatus s = new PullSmsSendStatus();
        s.setSessionContext(sessionContext);
        s.setSerialNo("sn-" + sessionContext);
        s.setReportStatus(report);
        s.setPhoneNumber("+8618612345678");
        s.setCountryCode("86");
        s.setSubscriberNumber("18612345678");
        s.setUserReceiveTime(1_773_108_001L);
        return s;
    }

    private static PullSmsSendStatusByPhoneNumberResponse tencent(PullSmsSendStatus... statuses) {
        PullSmsSendStatusByPhoneNumberResponse r = new PullSmsSendStatusByPhoneNumberResponse();
        r.setPullSmsSendStatusSet(statuses);
        r.setRequestId("T-1");
        return r;
    }

    @Test
    void tencentFindsTheMessageBySessionContextWithItsSerialNo() {
        SmsSendResult found = TencentSmsProvider.match(tencent(tencentStatus(OTHER, "SUCCESS"),
                tencentStatus(ID, "SUCCESS")), ID).orElseThrow();
        assertEquals("tencent", found.provider());
        assertEquals("sn-" + ID, found.messageId(), "the SerialNo: what Tencent's delivery reports call sid");
        assertEquals(NotificationStatus.DELIVERED, found.immediateOutcome());
        assertEquals(NotificationStatus.FAILED,
                TencentSmsProvider.match(tencent(tencentStatus(ID, "FAIL")), ID).orElseThrow().immediateOutcome());
        assertTrue(TencentSmsProvider.match(tencent(tencentStatus(OTHER, "SUCCESS")), ID).isEmpty());
        assertTrue(TencentSmsProvider.match(tencent(), ID).isEmpty());
        assertTrue(TencentSmsProvider.match(new PullSmsSendStatusByPhoneNumberResponse(), ID).isEmpty());
    }

    private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> s) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
    }
}
