package cn.approvalbridge.notification.function;

import static cn.approvalbridge.notification.function.Fixtures.PROJECT_CODE;
import static cn.approvalbridge.notification.function.Fixtures.STATUS_LINK;
import static cn.approvalbridge.notification.function.Fixtures.STATUS_TOKEN;
import static cn.approvalbridge.notification.function.Fixtures.eventId;
import static cn.approvalbridge.notification.function.Fixtures.flush;
import static cn.approvalbridge.notification.function.Fixtures.mobile;
import static cn.approvalbridge.notification.function.Fixtures.notifyResult;
import static cn.approvalbridge.notification.function.Fixtures.post;
import static cn.approvalbridge.notification.function.Fixtures.request;
import static cn.approvalbridge.notification.function.Fixtures.status;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** The official Aliyun and Tencent SDKs against local fakes of their gateways: requests, failover, retry, receipts. */
@QuarkusTest
@TestProfile(FakeProvidersProfile.class)
class SmsProvidersTest {

    @Inject
    MutableClock clock;

    private final ObjectMapper mapper = new ObjectMapper();
    private FakeGateways gateways;
    private WireMock aliyun;
    private WireMock tencent;

    @BeforeEach
    void setUp() {
        clock.set(Fixtures.randomMorning());
        gateways = new FakeGateways();
        aliyun = gateways.aliyun;
        tencent = gateways.tencent;
    }

    @Test
    void aliyunReceivesSignNameTemplateCodeAndParamsThenItsReceiptDelivers() throws Exception {
        String mobile = mobile();
        JsonPath answer = notifyResult(request(eventId(), "MATERIALS_ACCEPTED", "+86 " + mobile,
                Map.of("itemName", "环评审批", "deadline", "2026年3月13日")));
        assertEquals("SENT", answer.getString("outcome"), answer.prettify());
        assertTrue(answer.getString("text").startsWith("【测试审批】"));
        String id = answer.getString("notificationId");

        LoggedRequest call = aliyunRequest(mobile);
        // The SDK signs with ACS3-HMAC-SHA256: action and version travel as headers, the parameters as the query.
        assertEquals("SendSms", call.getHeader("x-acs-action"));
        assertEquals("2017-05-25", call.getHeader("x-acs-version"));
        assertTrue(call.getHeader("Authorization").startsWith("ACS3-HMAC-SHA256 Credential=fake-access-key-id,"));
        Map<String, String> sent = params(call);
        assertEquals("测试审批", sent.get("SignName"));
        assertEquals("SMS_TEST_MATERIALS_ACCEPTED", sent.get("TemplateCode"));
        assertEquals(id, sent.get("OutId"));
        JsonNode params = mapper.readTree(sent.get("TemplateParam"));
        assertEquals(PROJECT_CODE, params.get("projectCode").asText());
        assertEquals("环评审批", params.get("itemName").asText());
        assertEquals("2026年3月13日", params.get("deadline").asText());
        // the link's address is written out in the approved template: only its token travels as a variable
        assertEquals(STATUS_TOKEN, params.get("statusToken").asText());
        assertFalse(params.has("statusPage"), params.toString());
        assertTrue(answer.getString("text").endsWith("进度：" + STATUS_LINK), answer.getString("text"));
        assertTrue(tencentRequests(mobile).isEmpty(), "no failover when the primary accepts");

        JsonPath status = status(id);
        assertEquals("SENT", status.getString("status"));
        assertEquals("aliyun", status.getString("provider"));

        JsonPath receipt = post("aliyunSmsReport", List.of(Map.of("phone_number", mobile, "send_time", "2026-03-10 10:00:00",
                "report_time", "2026-03-10 10:00:05", "success", true, "err_code", "DELIVERED", "err_msg", "用户接收成功",
                "sms_size", "1", "biz_id", "biz-" + id, "out_id", id)));
        assertEquals(0, receipt.getInt("code"));
        assertEquals("成功", receipt.getString("msg"));
        status = status(id);
        assertEquals("DELIVERED", status.getString("status"));
        assertEquals(List.of("ACCEPTED", "SENT", "DELIVERED"), status.getList("history.status"));
        assertTrue(status.getString("history[2].detail").contains("DELIVERED"));
    }

    @Test
    void aliyunTransientErrorIsRetriedThenFailsOverToTencentWhoseReceiptFails() throws Exception {
        String mobile = mobile();
        StubMapping refusal = aliyun.register(any(anyUrl()).atPriority(1).withQueryParam("PhoneNumbers", matching(mobile))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"Code\":\"isp.SYSTEM_ERROR\",\"Message\":\"系统错误\","
                                + "\"RequestId\":\"E1F3A8B2-0000\"}")));
        try {
            JsonPath answer = notifyResult(request(eventId(), "ITEM_LIST_READY", mobile,
                    Map.of("itemCount", "2", "items", "环评审批、节能审查")));
            assertEquals("SENT", answer.getString("outcome"), answer.prettify());
            String id = answer.getString("notificationId");
            assertEquals(3, aliyunRequests(mobile).size(), "the call and its two retries, then failover");

            List<LoggedRequest> calls = tencentRequests(mobile);
            assertEquals(1, calls.size());
            assertEquals("SendSms", calls.get(0).getHeader("X-TC-Action"));
            JsonNode body = mapper.readTree(calls.get(0).getBodyAsString());
            assertEquals("+86" + mobile, body.get("PhoneNumberSet").get(0).asText());
            assertEquals("1400000000", body.get("SmsSdkAppId").asText());
            assertEquals("测试审批", body.get("SignName").asText());
            assertEquals("2000003", body.get("TemplateId").asText());
            assertEquals(List.of(PROJECT_CODE, "2", "环评审批、节能审查", STATUS_TOKEN),
                    mapper.convertValue(body.get("TemplateParamSet"), List.class));
            assertEquals(id, body.get("SessionContext").asText());

            JsonPath status = status(id);
            assertEquals("tencent", status.getString("provider"));
            assertTrue(status.getString("history[1].detail").contains("failover from aliyun isp.SYSTEM_ERROR"));

            JsonPath receipt = post("tencentSmsReport", List.of(Map.of("user_receive_time", "2026-03-10 10:00:07",
                    "nationcode", "86", "mobile", mobile, "report_status", "FAIL", "errmsg", "InvalidNumber",
                    "description", "用户号码不可用", "sid", "sn-" + id)));
            assertEquals(0, receipt.getInt("result"));
            assertEquals("OK", receipt.getString("errmsg"));
            status = status(id);
            assertEquals("FAILED", status.getString("status"));
            assertEquals(List.of("ACCEPTED", "SENT", "FAILED"), status.getList("history.status"));
        } finally {
            aliyun.removeStubMapping(refusal);
        }
    }

    @Test
    void tencentSuccessReceiptDelivers() {
        String mobile = mobile();
        StubMapping refusal = aliyun.register(any(anyUrl()).atPriority(1).withQueryParam("PhoneNumbers", matching(mobile))
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        try {
            JsonPath answer = notifyResult(request(eventId(), "RESULTS_READY", mobile, Map.of("place", "3号窗口")));
            String id = answer.getString("notificationId");
            assertEquals("tencent", status(id).getString("provider"));
            post("tencentSmsReport", List.of(Map.of("user_receive_time", "2026-03-10 10:00:07", "nationcode", "86",
                    "mobile", mobile, "report_status", "SUCCESS", "errmsg", "DELIVRD", "description", "用户短信送达成功",
                    "sid", "sn-" + id)));
            assertEquals("DELIVERED", status(id).getString("status"));
        } finally {
            aliyun.removeStubMapping(refusal);
        }
    }

    @Test
    void everyProviderFailingDefersAndTheFlushSendsLater() {
        String mobile = mobile();
        StubMapping down = aliyun.register(any(anyUrl()).atPriority(1).withQueryParam("PhoneNumbers", matching(mobile))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"Code\":\"InternalError\",\"Message\":\"The request processing has failed due to some unknown error.\"}")));
        StubMapping alsoDown = tencent.register(any(anyUrl()).atPriority(1).withRequestBody(containing("+86" + mobile))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"Response\":{\"Error\":{\"Code\":\"InternalError.Timeout\",\"Message\":\"请求下发短信超时\"},"
                                + "\"RequestId\":\"b0aabda6-0000\"}}")));
        String id;
        try {
            JsonPath answer = notifyResult(request(eventId(), "DEADLINE_WARNING", mobile,
                    Map.of("itemName", "施工许可", "deadline", "2026年3月12日")));
            assertEquals("DEFERRED", answer.getString("outcome"), answer.prettify());
            assertEquals(clock.beijing().toLocalDate() + "T10:01:00+08:00", answer.getString("sendAfter"));
            id = answer.getString("notificationId");
            JsonPath status = status(id);
            assertEquals("DEFERRED", status.getString("status"));
            assertTrue(status.getString("history[1].detail").contains("InternalError.Timeout"));
        } finally {
            aliyun.removeStubMapping(down);
            tencent.removeStubMapping(alsoDown);
        }
        // The gateways are back; the retry comes due a minute later.
        clock.advance(Duration.ofMinutes(1));
        flush();
        JsonPath status = status(id);
        assertEquals("SENT", status.getString("status"));
        assertEquals("aliyun", status.getString("provider"));
        assertEquals(2, status.getInt("attempts"));
        assertEquals(4, aliyunRequests(mobile).size(), "the failed attempt (a call and two retries) and the next one");
        assertEquals(3, tencentRequests(mobile).size(), "the failed attempt only: the next one went by aliyun");
    }

    private LoggedRequest aliyunRequest(String mobile) {
        List<LoggedRequest> calls = aliyunRequests(mobile);
        assertEquals(1, calls.size());
        return calls.get(0);
    }

    private List<LoggedRequest> aliyunRequests(String mobile) {
        return gateways.aliyunRequests(mobile);
    }

    private List<LoggedRequest> tencentRequests(String mobile) {
        return gateways.tencentRequests(mobile);
    }

    private static Map<String, String> params(LoggedRequest r) {
        return FakeGateways.params(r);
    }
}
