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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Both SMS gateways down for minutes (Aliyun answering 503 or timing out, Tencent resetting the connection), while
 * notifications keep coming: none is lost (each is DEFERRED and kept), none goes twice once the gateways are back
 * (one request per number after the return, also for an event the hub sent again), a permanent refusal is not retried,
 * and a retry that falls into quiet hours waits for the morning.
 */
@QuarkusTest
@TestProfile(FakeProvidersProfile.class)
class SmsGatewayDownTest {

    @Inject
    MutableClock clock;

    private FakeGateways gateways;
    private final List<Runnable> outage = new ArrayList<>();

    @BeforeEach
    void setUp() {
        gateways = new FakeGateways();
    }

    @AfterEach
    void gatewaysBack() {
        for (Runnable r : outage) {
            try {
                r.run();
            } catch (RuntimeException alreadyRemoved) {
                // removed by the test itself
            }
        }
        outage.clear();
    }

    private void aliyun(com.github.tomakehurst.wiremock.client.MappingBuilder stub) {
        StubMapping s = gateways.aliyun.register(stub);
        outage.add(() -> gateways.aliyun.removeStubMapping(s));
    }

    /** Both gateways fail for these numbers: Aliyun 503 (or, for {@code slow}, no answer within the read timeout). */
    private void down(List<String> mobiles, String slow) {
        for (String m : mobiles) {
            aliyun(any(anyUrl()).atPriority(2).withQueryParam("PhoneNumbers", matching(m))
                    .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
            StubMapping t = gateways.tencent.register(any(anyUrl()).atPriority(2).withRequestBody(containing("+86" + m))
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            outage.add(() -> gateways.tencent.removeStubMapping(t));
        }
        if (slow != null) {
            aliyun(any(anyUrl()).atPriority(1).withQueryParam("PhoneNumbers", matching(slow))
                    .willReturn(aResponse().withStatus(200).withFixedDelay(3_500).withBody("{\"Code\":\"OK\"}")));
        }
    }

    private void back() {
        gatewaysBack();
    }


    private static JsonPath notify(String eventId, String mobile) {
        return notifyResult(request(eventId, "MATERIALS_ACCEPTED", mobile, Map.of("itemName", "环评审批", "deadline",
                "2026年3月13日")));
    }

    private int calls(String mobile) {
        return gateways.aliyunRequests(mobile).size() + gateways.tencentRequests(mobile).size();
    }

    @Test
    void notificationsWaitOutAnOutageOfMinutesAndEachGoesOnceWhenTheGatewaysReturn() {
        clock.set(Fixtures.randomMorning());
        List<String> mobiles = List.of(mobile(), mobile(), mobile());
        String refused = mobile();
        down(mobiles, mobiles.get(0));
        aliyun(any(anyUrl()).atPriority(1).withQueryParam("PhoneNumbers", matching(refused))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"Message\":\"非法手机号\",\"RequestId\":\"X-1\"}")));

        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> events = new LinkedHashMap<>();
        for (String m : mobiles) {
            String e = eventId();
            JsonPath a = notify(e, m);
            assertEquals("DEFERRED", a.getString("outcome"), a.prettify());
            ids.put(m, a.getString("notificationId"));
            events.put(m, e);
        }
        JsonPath permanent = notify(eventId(), refused);
        assertEquals("FAILED", permanent.getString("outcome"), permanent.prettify());

        // the hub, not sure its call got through, sends an event again: the same notification, not a second one
        String again = mobiles.get(1);
        JsonPath repeat = notify(events.get(again), again);
        assertEquals(ids.get(again), repeat.getString("notificationId"));

        // minutes of outage: each retry finds the gateways still down, nothing is given up or sent
        for (int minutes : new int[] { 1, 2, 4 }) {
            clock.advance(Duration.ofMinutes(minutes));
            flush();
        }
        Map<String, Integer> before = new LinkedHashMap<>();
        for (String m : mobiles) {
            JsonPath s = status(ids.get(m));
            assertEquals("DEFERRED", s.getString("status"), s.prettify());
            assertTrue(s.getString("history[-1].detail").contains("provider_error"), s.prettify());
            before.put(m, calls(m));
            assertTrue(before.get(m) >= 6, "asked at both gateways on every attempt: " + before.get(m));
        }

        back();
        clock.advance(Duration.ofMinutes(10));
        flush();
        for (String m : mobiles) {
            JsonPath s = status(ids.get(m));
            assertEquals("SENT", s.getString("status"), s.prettify());
            assertEquals(before.get(m) + 1, calls(m), "one request once the gateways answer");
        }
        // later flushes send nothing again; the refused number was asked once, at one gateway
        clock.advance(Duration.ofHours(2));
        flush();
        flush();
        for (String m : mobiles) {
            assertEquals(before.get(m) + 1, calls(m));
            assertEquals("SENT", status(ids.get(m)).getString("status"));
        }
        assertEquals(1, gateways.aliyunRequests(refused).size());
        assertTrue(gateways.tencentRequests(refused).isEmpty());
        assertEquals("FAILED", status(permanent.getString("notificationId")).getString("status"));
    }

    @Test
    void aRetryThatFallsIntoQuietHoursWaitsForTheMorning() {
        clock.set(Fixtures.randomMorning().withHour(21).withMinute(50));
        java.time.LocalDate evening = clock.beijing().toLocalDate();
        String m = mobile();
        down(List.of(m), null);
        JsonPath a = notify(eventId(), m);
        assertEquals("DEFERRED", a.getString("outcome"), a.prettify());
        String id = a.getString("notificationId");

        // back at 22:05, inside quiet hours (22:00-08:00): not sent in the night
        clock.advance(Duration.ofMinutes(15));
        back();
        int before = calls(m);
        flush();
        clock.advance(Duration.ofHours(2));
        flush();
        assertEquals(before, calls(m), "nothing sent in quiet hours");
        assertEquals("DEFERRED", status(id).getString("status"));

        clock.set(evening.plusDays(1).atTime(8, 1));
        flush();
        assertEquals("SENT", status(id).getString("status"));
        assertEquals(before + 1, calls(m));
    }
}
