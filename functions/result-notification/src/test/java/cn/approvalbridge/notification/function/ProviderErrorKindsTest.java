package cn.approvalbridge.notification.function;

import static cn.approvalbridge.notification.function.Fixtures.eventId;
import static cn.approvalbridge.notification.function.Fixtures.flush;
import static cn.approvalbridge.notification.function.Fixtures.mobile;
import static cn.approvalbridge.notification.function.Fixtures.notifyResult;
import static cn.approvalbridge.notification.function.Fixtures.request;
import static cn.approvalbridge.notification.function.Fixtures.status;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Issue 13: provider errors in three kinds, driven through the fakes of both gateways (Aliyun primary, Tencent
 * secondary): what each gateway received and the notification's final state. Also the variables cut to each
 * provider's limit while the status keeps the whole text.
 */
@QuarkusTest
@TestProfile(FakeProvidersProfile.class)
class ProviderErrorKindsTest {

    @Inject
    MutableClock clock;

    private final ObjectMapper mapper = new ObjectMapper();
    private FakeGateways gateways;
    private final List<Runnable> cleanup = new ArrayList<>();

    @BeforeEach
    void setUp() {
        clock.set(Fixtures.randomMorning());
        gateways = new FakeGateways();
    }

    @AfterEach
    void removeStubs() {
        for (Runnable remove : cleanup) {
            try {
                remove.run();
            } catch (RuntimeException alreadyRemoved) {
                // removed by the test itself
            }
        }
        cleanup.clear();
    }

    private void aliyunAnswers(String mobile, int status, String body) {
        StubMapping stub = gateways.aliyun.register(any(anyUrl()).atPriority(1).withQueryParam("PhoneNumbers", matching(mobile))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
        cleanup.add(() -> gateways.aliyun.removeStubMapping(stub));
    }

    private void aliyunCode(String mobile, String code, String message) {
        aliyunAnswers(mobile, 200, "{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\",\"RequestId\":\"E1F3A8B2-0001\"}");
    }

    /** Tencent's answer for one number: its SendStatus carries the code. */
    private StubMapping tencentStatus(String mobile, String code) {
        StubMapping stub = gateways.tencent.register(any(anyUrl()).atPriority(1).withRequestBody(containing("+86" + mobile))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"\",\"PhoneNumber\":\"+86" + mobile
                                + "\",\"Fee\":0,\"SessionContext\":\"\",\"Code\":\"" + code + "\",\"Message\":\"refused\","
                                + "\"IsoCode\":\"CN\"}],\"RequestId\":\"c0aabda6-0001\"}}")));
        cleanup.add(() -> gateways.tencent.removeStubMapping(stub));
        return stub;
    }

    private JsonPath notifyMaterialsAccepted(String mobile) {
        return notifyResult(request(eventId(), "MATERIALS_ACCEPTED", mobile,
                Map.of("itemName", "环评审批", "deadline", "2026年3月13日")));
    }

    @Test
    void aliyunPermanentErrorFailsAtOnceWithoutRetryOrFailover() {
        String mobile = mobile();
        aliyunCode(mobile, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号");
        JsonPath answer = notifyMaterialsAccepted(mobile);
        assertEquals("FAILED", answer.getString("outcome"), answer.prettify());
        String id = answer.getString("notificationId");
        assertEquals(1, gateways.aliyunRequests(mobile).size());
        assertTrue(gateways.tencentRequests(mobile).isEmpty(), "a permanent error is not failed over");
        JsonPath status = status(id);
        assertEquals("FAILED", status.getString("status"));
        assertEquals(List.of("ACCEPTED", "FAILED"), status.getList("history.status"));
        assertTrue(status.getString("history[1].detail").contains("isv.MOBILE_NUMBER_ILLEGAL"));

        clock.advance(Duration.ofHours(2));
        flush();
        assertEquals(1, gateways.aliyunRequests(mobile).size(), "never retried");
        assertEquals("FAILED", status(id).getString("status"));
    }

    @Test
    void tencentPermanentErrorAfterFailoverFailsWithoutRetry() {
        String mobile = mobile();
        aliyunAnswers(mobile, 503, "Service Unavailable");
        tencentStatus(mobile, "FailedOperation.TemplateIncorrectOrUnapproved");
        JsonPath answer = notifyMaterialsAccepted(mobile);
        assertEquals("FAILED", answer.getString("outcome"), answer.prettify());
        assertEquals(3, gateways.aliyunRequests(mobile).size(), "transient: the call and two retries, then failover");
        assertEquals(1, gateways.tencentRequests(mobile).size(), "permanent: not asked again");
        assertEquals("FAILED", status(answer.getString("notificationId")).getString("status"));
    }

    @Test
    void aliyunNumberLimitWaitsForItsWindowAtAliyunNeverAtTencent() {
        String mobile = mobile();
        aliyunCode(mobile, "isv.BUSINESS_LIMIT_CONTROL", "触发小时级流控Permits:5");
        JsonPath answer = notifyMaterialsAccepted(mobile);
        assertEquals("DEFERRED", answer.getString("outcome"), answer.prettify());
        assertEquals(clock.beijing().toLocalDate() + "T11:00:00+08:00", answer.getString("sendAfter"));
        String id = answer.getString("notificationId");
        assertEquals(1, gateways.aliyunRequests(mobile).size());
        assertTrue(gateways.tencentRequests(mobile).isEmpty(), "the limit is not dodged through the other provider");
        assertTrue(status(id).getString("history[1].detail").contains("provider_limit HOUR"));

        removeStubs();
        clock.advance(Duration.ofMinutes(59));
        flush();
        assertEquals(1, gateways.aliyunRequests(mobile).size(), "not before the window ends");
        clock.advance(Duration.ofMinutes(1));
        flush();
        JsonPath status = status(id);
        assertEquals("SENT", status.getString("status"));
        assertEquals("aliyun", status.getString("provider"));
        assertEquals(2, gateways.aliyunRequests(mobile).size());
        assertTrue(gateways.tencentRequests(mobile).isEmpty());
    }

    @Test
    void tencentThirtySecondLimitWaitsThirtySeconds() {
        String mobile = mobile();
        aliyunAnswers(mobile, 500, "{\"Code\":\"InternalError\",\"Message\":\"unknown error\"}");
        StubMapping limit = tencentStatus(mobile, "LimitExceeded.PhoneNumberThirtySecondLimit");
        JsonPath answer = notifyMaterialsAccepted(mobile);
        assertEquals("DEFERRED", answer.getString("outcome"), answer.prettify());
        assertEquals(clock.beijing().toLocalDate() + "T10:00:30+08:00", answer.getString("sendAfter"));
        assertEquals(3, gateways.aliyunRequests(mobile).size());
        assertEquals(1, gateways.tencentRequests(mobile).size(), "a limit is not asked again at once");

        gateways.tencent.removeStubMapping(limit);
        clock.advance(Duration.ofSeconds(30));
        flush();
        JsonPath status = status(answer.getString("notificationId"));
        assertEquals("SENT", status.getString("status"));
        assertEquals("tencent", status.getString("provider"));
        assertEquals(2, gateways.tencentRequests(mobile).size());
    }

    @Test
    void tencentDailyLimitAnsweredAsAnErrorWaitsForTheNextBeijingDay() {
        String mobile = mobile();
        aliyunAnswers(mobile, 503, "Service Unavailable");
        StubMapping stub = gateways.tencent.register(any(anyUrl()).atPriority(1).withRequestBody(containing("+86" + mobile))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"Response\":{\"Error\":{\"Code\":\"LimitExceeded.PhoneNumberDailyLimit\","
                                + "\"Message\":\"单个手机号日下发短信条数超过设定的上限\"},\"RequestId\":\"d0aabda6-0001\"}}")));
        cleanup.add(() -> gateways.tencent.removeStubMapping(stub));
        JsonPath answer = notifyMaterialsAccepted(mobile);
        assertEquals("DEFERRED", answer.getString("outcome"), answer.prettify());
        assertEquals(clock.beijing().toLocalDate().plusDays(1) + "T00:00:00+08:00", answer.getString("sendAfter"));
        assertEquals(1, gateways.tencentRequests(mobile).size());
        assertEquals("DEFERRED", status(answer.getString("notificationId")).getString("status"));
    }

    @Test
    void variablesAreCutToEachProvidersLimitAndTheStatusKeepsTheWholeText() throws Exception {
        // 33 characters, then one outside the BMP (a surrogate pair in Java) exactly where a naive cut would split it.
        String reasons = "审".repeat(33) + "𠀀" + "申报材料中的用地预审意见与规划条件不一致，请补充说明";
        String mobile = mobile();
        JsonPath answer = notifyResult(request(eventId(), "PRE_REVIEW_REJECTED", mobile, Map.of("reasons", reasons)));
        assertEquals("SENT", answer.getString("outcome"), answer.prettify());
        assertTrue(answer.getString("text").contains(reasons), "the answer has the whole text");

        JsonNode sent = mapper.readTree(FakeGateways.params(gateways.aliyunRequests(mobile).get(0)).get("TemplateParam"));
        assertEquals("审".repeat(33) + "𠀀…", sent.get("reasons").asText());
        assertEquals(Fixtures.PROJECT_NAME, sent.get("projectName").asText(), "a value within the limit is sent whole");

        JsonPath status = status(answer.getString("notificationId"));
        assertTrue(status.getString("text").contains(reasons), "the status shows the whole text");
        assertTrue(status.getString("history[1].detail").contains("variables cut to 35 characters: reasons (60)"),
                status.getString("history[1].detail"));
    }

    @Test
    void tencentGetsTheVariablesCutToItsOwnLimit() throws Exception {
        String reasons = "用地预审意见与规划条件不一致".repeat(3);
        String mobile = mobile();
        aliyunAnswers(mobile, 503, "Service Unavailable");
        JsonPath answer = notifyResult(request(eventId(), "PRE_REVIEW_REJECTED", mobile, Map.of("reasons", reasons)));
        assertEquals("SENT", answer.getString("outcome"), answer.prettify());
        JsonNode body = mapper.readTree(gateways.tencentRequests(mobile).get(0).getBodyAsString());
        assertEquals(reasons.substring(0, 29) + "…", body.get("TemplateParamSet").get(1).asText());
        assertEquals(Fixtures.PROJECT_NAME, body.get("TemplateParamSet").get(0).asText());
        assertTrue(status(answer.getString("notificationId")).getString("text").contains(reasons));
    }
}
