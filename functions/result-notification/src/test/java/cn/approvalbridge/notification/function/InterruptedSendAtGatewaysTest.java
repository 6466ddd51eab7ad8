package cn.approvalbridge.notification.function;

import static cn.approvalbridge.notification.function.Fixtures.flush;
import static cn.approvalbridge.notification.function.Fixtures.mobile;
import static cn.approvalbridge.notification.function.Fixtures.status;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import cn.approvalbridge.notification.CrashingLedgerWrites;

/**
 * The crash between a gateway's acceptance and the ledger's SENT, against the WireMock fakes of both gateways (the
 * official SDKs' QuerySendDetails and PullSmsSendStatusByPhoneNumber): after the lease the core finds the message
 * at the gateway by the notificationId and sends nothing again.
 */
@QuarkusTest
@TestProfile(FakeProvidersProfile.class)
class InterruptedSendAtGatewaysTest {

    @Inject
    MutableClock clock;

    @Inject
    CrashingLedgerWrites ledger;

    private FakeGateways gateways;
    private final List<Runnable> stubs = new ArrayList<>();

    @BeforeEach
    void setUp() {
        gateways = new FakeGateways();
        clock.set(Fixtures.randomMorning());
    }

    @AfterEach
    void removeStubs() {
        stubs.forEach(Runnable::run);
        stubs.clear();
    }

    private void stub(WireMock server, com.github.tomakehurst.wiremock.client.MappingBuilder b) {
        StubMapping s = server.register(b);
        stubs.add(() -> server.removeStubMapping(s));
    }

    private String notifyAndDie(String mobile) {
        ledger.dieBeforeSent(mobile);
        Map<String, Object> body = Fixtures.request(Fixtures.eventId(), "MATERIALS_ACCEPTED", mobile,
                Map.of("itemName", "环评审批", "deadline", "2026年3月13日"));
        int code = Fixtures.http().contentType(ContentType.JSON).body(body).when().post("/notifyResult").then().extract()
                .statusCode();
        assertNotEquals(200, code, "the call died with the process");
        return Fixtures.post("notificationStatus", Map.of("eventId", body.get("eventId"))).getString("notificationId");
    }

    private void afterTheLease() {
        clock.advance(ConfigProvider.getConfig().getValue("result-notification.retry.lease", Duration.class).plusSeconds(1));
        flush();
    }

    private List<LoggedRequest> aliyunQueries(String mobile) {
        return gateways.aliyun.find(WireMock.anyRequestedFor(anyUrl())).stream()
                .filter(r -> "QuerySendDetails".equals(r.getHeader("x-acs-action")))
                .filter(r -> mobile.equals(FakeGateways.params(r).get("PhoneNumber"))).toList();
    }

    private List<LoggedRequest> tencent(String mobile, String action) {
        return gateways.tencentRequests(mobile).stream().filter(r -> action.equals(r.getHeader("X-TC-Action"))).toList();
    }

    @Test
    void aliyunQuerySendDetailsFindsTheMessageByOutIdAndItIsNotSentAgain() {
        String m = mobile();
        String day = clock.beijing().format(DateTimeFormatter.BASIC_ISO_DATE);
        String id = notifyAndDie(m);
        assertEquals(1, gateways.aliyunRequests(m).size(), "Alibaba Cloud accepted the SMS before the crash");
        stub(gateways.aliyun, any(anyUrl()).atPriority(1).withHeader("x-acs-action", equalTo("QuerySendDetails"))
                .withQueryParam("PhoneNumber", equalTo(m)).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"Code\":\"OK\",\"Message\":\"OK\",\"RequestId\":\"Q-1\",\"TotalCount\":\"1\","
                                + "\"SmsSendDetailDTOs\":{\"SmsSendDetailDTO\":[{\"OutId\":\"" + id + "\",\"PhoneNum\":\"" + m
                                + "\",\"SendStatus\":3,\"ErrCode\":\"DELIVERED\",\"TemplateCode\":\"SMS_1\","
                                + "\"SendDate\":\"2030-01-01 10:00:00\",\"Content\":\"…\"}]}}")));

        afterTheLease();
        JsonPath s = status(id);
        assertEquals("DELIVERED", s.getString("status"), s.prettify());
        assertEquals("aliyun", s.getString("provider"));
        List<LoggedRequest> queries = aliyunQueries(m);
        assertEquals(1, queries.size());
        assertEquals(day, FakeGateways.params(queries.get(0)).get("SendDate"));
        clock.advance(Duration.ofHours(1));
        flush();
        assertEquals(1, gateways.aliyunRequests(m).size(), "exactly one SendSms");
        assertTrue(tencent(m, "SendSms").isEmpty());
    }

    @Test
    void tencentPullByPhoneNumberFindsTheMessageBySessionContextAfterFailover() {
        String m = mobile();
        // Alibaba Cloud refuses the send (503): Tencent Cloud takes it, then the process dies
        stub(gateways.aliyun, any(anyUrl()).atPriority(2).withQueryParam("PhoneNumbers", matching(m))
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        String id = notifyAndDie(m);
        assertEquals(1, tencent(m, "SendSms").size());
        stub(gateways.tencent, any(anyUrl()).atPriority(1).withHeader("X-TC-Action", equalTo("PullSmsSendStatusByPhoneNumber"))
                .withRequestBody(containing("+86" + m)).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"Response\":{\"PullSmsSendStatusSet\":[{\"UserReceiveTime\":1893470400,"
                                + "\"CountryCode\":\"86\",\"SubscriberNumber\":\"" + m + "\",\"PhoneNumber\":\"+86" + m
                                + "\",\"SerialNo\":\"sn-pulled-" + id + "\",\"ReportStatus\":\"SUCCESS\","
                                + "\"Description\":\"用户短信接收成功\",\"SessionContext\":\"" + id + "\"}],"
                                + "\"RequestId\":\"P-1\"}}")));

        afterTheLease();
        JsonPath s = status(id);
        assertEquals("DELIVERED", s.getString("status"), s.prettify());
        assertEquals("tencent", s.getString("provider"));
        assertEquals(1, aliyunQueries(m).size(), "Alibaba Cloud asked first: no record there");
        assertEquals(1, tencent(m, "PullSmsSendStatusByPhoneNumber").size());
        clock.advance(Duration.ofHours(1));
        flush();
        assertEquals(1, tencent(m, "SendSms").size(), "exactly one SendSms at Tencent Cloud");
    }
}
