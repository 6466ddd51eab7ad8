package cn.approvalbridge.notification.function;

import static cn.approvalbridge.notification.function.Fixtures.PROJECT_CODE;
import static cn.approvalbridge.notification.function.Fixtures.STATUS_LINK;
import static cn.approvalbridge.notification.function.Fixtures.STATUS_PAGE;
import static cn.approvalbridge.notification.function.Fixtures.STATUS_TOKEN;
import static cn.approvalbridge.notification.function.Fixtures.codeAssigned;
import static cn.approvalbridge.notification.function.Fixtures.eventId;
import static cn.approvalbridge.notification.function.Fixtures.flush;
import static cn.approvalbridge.notification.function.Fixtures.mobile;
import static cn.approvalbridge.notification.function.Fixtures.notifyResult;
import static cn.approvalbridge.notification.function.Fixtures.post;
import static cn.approvalbridge.notification.function.Fixtures.request;
import static cn.approvalbridge.notification.function.Fixtures.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import cn.approvalbridge.notification.SandboxMessage;
import cn.approvalbridge.notification.SandboxSmsProvider;
import cn.approvalbridge.support.StoreSchema;

/** The result-notification functions through the HTTP binding, on the embedded default (sandbox provider). */
@QuarkusTest
class NotifyResultTest {

    @Inject
    MutableClock clock;

    @Inject
    SandboxSmsProvider sandbox;

    @Inject
    StoreSchema schema;

    private LocalDateTime morning;

    @BeforeEach
    void morning() {
        morning = Fixtures.randomMorning();
        clock.set(morning);
    }

    /** The start-up's quick check trusts function.schema.versions to name every migration the jar ships. */
    @Test
    void theSchemaListIsTheShippedMigrationsAllApplied() {
        assertEquals(Optional.empty(), schema.listMismatch(), "function.schema.versions against the migration files");
    }

    /** The events whose SMS go to the project unit about its coded project, each with its status link. */
    static final Set<String> UNIT_MILESTONES = Set.of("CODE_ASSIGNED", "ITEM_LIST_READY", "MATERIALS_ACCEPTED",
            "MATERIALS_RETURNED", "RESULTS_READY", "UTILITY_STATUS_CHANGED", "COMMITMENT_REVOKED", "MATERIALS_SHORTFALL");

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of("CODE_ASSIGNED", Map.of(), "【投资项目审批】您的项目“尧都区城市更新示范项目”已完成统一赋码，项目代码："
                        + PROJECT_CODE + "。后续审批事项请凭此代码办理。"),
                Arguments.of("PRE_REVIEW_REJECTED", Map.of("reasons", "用地性质不符"), "立项预审未通过，原因：用地性质不符。"),
                Arguments.of("ITEM_LIST_READY", Map.of("itemCount", "3", "items", "建设用地规划许可、环评审批、节能审查"),
                        "需办理审批事项3项：建设用地规划许可、环评审批、节能审查。"),
                Arguments.of("MATERIALS_ACCEPTED", Map.of("itemName", "环评审批", "deadline", "2026年3月13日"),
                        "的“环评审批”申请材料已受理，将于2026年3月13日前办结。"),
                Arguments.of("MATERIALS_RETURNED", Map.of("itemName", "节能审查", "reasons", "缺少能评报告"),
                        "申请材料被退回，原因：缺少能评报告。"),
                Arguments.of("RESULTS_READY", Map.of("place", "政务服务中心3号窗口"), "请携带有效证件到政务服务中心3号窗口领取审批结果。"),
                Arguments.of("COMMITMENT_REVOKED", Map.of("itemName", "施工许可", "reasons", "承诺材料与实际不符"),
                        "告知承诺事后核查未通过，原因：承诺材料与实际不符。"),
                Arguments.of("MATERIALS_SHORTFALL", Map.of("itemName", "施工许可", "materials", "消防设计文件（2026-03-20前）"),
                        "请按期补交：消防设计文件（2026-03-20前）。"),
                Arguments.of("UTILITY_STATUS_CHANGED", Map.of("utility", "供水", "status", "已完成联合踏勘"),
                        "的供水报装进度更新为：已完成联合踏勘。"),
                Arguments.of("DEADLINE_WARNING", Map.of("itemName", "施工许可", "deadline", "2026年3月12日"),
                        "的“施工许可”将于2026年3月12日到期"),
                Arguments.of("OVERDUE_ESCALATION", Map.of("itemName", "施工许可", "overdueDays", "2"), "已超期2个工作日，已提请督办。"));
    }

    @ParameterizedTest
    @MethodSource("events")
    void eachEventRendersAndIsSent(String event, Map<String, String> params, String expected) {
        String mobile = mobile();
        JsonPath answer = notifyResult(request(eventId(), event, "+86 " + mobile, params));

        assertEquals("SENT", answer.getString("outcome"), answer.prettify());
        String text = answer.getString("text");
        assertTrue(text.startsWith("【投资项目审批】"), text);
        assertTrue(text.contains(expected), text);
        assertFalse(text.contains("{"), "every placeholder filled: " + text);
        // issue 17: every milestone SMS to the project unit ends with the signed link to its status page
        assertEquals(UNIT_MILESTONES.contains(event), text.endsWith("进度：" + STATUS_LINK), text);
        int length = text.codePointCount(0, text.length());
        assertEquals(length <= 70 ? 1 : (length + 66) / 67, answer.getInt("parts"));
        assertTrue(answer.getList("errors").isEmpty());

        List<SandboxMessage> received = sandbox.messages(mobile);
        assertEquals(1, received.size());
        assertEquals(text, received.get(0).text);
        assertEquals("投资项目审批", received.get(0).signName);
        assertEquals(answer.getString("notificationId"), received.get(0).notificationId);
    }

    @Test
    void codeAssignedNeedsOnlyTheLinkAndNamesTheCode() {
        Map<String, Object> body = codeAssigned(mobile());
        body.put("params", Map.of("statusPage", STATUS_PAGE, "statusToken", STATUS_TOKEN));
        JsonPath answer = notifyResult(body);
        assertEquals("SENT", answer.getString("outcome"));
        assertTrue(answer.getString("text").contains("项目代码：" + PROJECT_CODE + "。"), answer.getString("text"));
        assertTrue(answer.getString("text").endsWith(STATUS_LINK), answer.getString("text"));
    }

    @Test
    void aMilestoneWithoutItsLinkIsRejected() {
        String mobile = mobile();
        Map<String, Object> body = codeAssigned(mobile);
        body.remove("params");
        JsonPath answer = notifyResult(body);
        assertEquals("REJECTED", answer.getString("outcome"));
        assertEquals(List.of("params.statusPage", "params.statusToken"), answer.getList("errors.field"));
        assertEquals(List.of("missing_placeholder", "missing_placeholder"), answer.getList("errors.code"));
        assertTrue(sandbox.messages(mobile).isEmpty());
    }

    @Test
    void longMessagesCountPartsOf67() {
        String items = "建设用地规划许可".repeat(10);
        JsonPath answer = notifyResult(request(eventId(), "ITEM_LIST_READY", mobile(), Map.of("itemCount", "10", "items", items)));
        String text = answer.getString("text");
        int length = text.codePointCount(0, text.length());
        assertTrue(length > 201 && length <= 268, "length " + length);
        assertEquals(4, answer.getInt("parts"));
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of(Map.of("event", "PROJECT_CANCELLED"), "event", "unknown_event"),
                Arguments.of(Map.of("event", ""), "event", "required"),
                Arguments.of(Map.of("mobile", "12800138000"), "mobile", "invalid_mobile"),
                Arguments.of(Map.of("mobile", "+1 415 555 0100"), "mobile", "invalid_mobile"),
                Arguments.of(Map.of("mobile", ""), "mobile", "required"),
                Arguments.of(Map.of("projectCode", "2603-141124-89-05-346947"), "projectCode", "check_digit"),
                Arguments.of(Map.of("projectCode", "2603-14112-89-05-3469481"), "projectCode", "format"),
                Arguments.of(Map.of("event", "PRE_REVIEW_REJECTED"), "params.reasons", "missing_placeholder"),
                Arguments.of(Map.of("projectName", ""), "projectName", "missing_placeholder"),
                Arguments.of(Map.of("event", "PRE_REVIEW_REJECTED", "reasons", "材料不全".repeat(120)), "text", "too_long"));
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void badInputIsRejectedInTheBodyAndNothingIsSent(Map<String, String> change, String field, String code) {
        String mobile = mobile();
        Map<String, Object> body = codeAssigned(mobile);
        @SuppressWarnings("unchecked")
        Map<String, String> params = new HashMap<>((Map<String, String>) body.get("params"));
        change.forEach((k, v) -> {
            if (k.equals("reasons")) {
                params.put(k, v);
            } else {
                body.put(k, v);
            }
        });
        body.put("params", params);
        JsonPath answer = notifyResult(body);

        assertEquals("REJECTED", answer.getString("outcome"), answer.prettify());
        List<Map<String, String>> errors = answer.getList("errors");
        assertTrue(errors.stream().anyMatch(e -> field.equals(e.get("field")) && code.equals(e.get("code"))), answer.prettify());
        assertNull(answer.getString("notificationId"));
        assertTrue(sandbox.messages(mobile).isEmpty());
    }

    @Test
    void missingEventIdIsRejected() {
        Map<String, Object> body = codeAssigned(mobile());
        body.remove("eventId");
        JsonPath answer = notifyResult(body);
        assertEquals("REJECTED", answer.getString("outcome"));
        assertEquals("eventId", answer.getString("errors[0].field"));
    }

    @Test
    void aRejectedEventIdCanBeSentOnceCorrected() {
        String mobile = mobile();
        Map<String, Object> body = request(eventId(), "PRE_REVIEW_REJECTED", mobile, Map.of());
        assertEquals("REJECTED", notifyResult(body).getString("outcome"));
        body.put("params", Map.of("reasons", "用地性质不符"));
        assertEquals("SENT", notifyResult(body).getString("outcome"));
        assertEquals(1, sandbox.messages(mobile).size());
    }

    @Test
    void sameEventIdAnswersDuplicateEvenWrittenDifferentlyOrBroken() {
        String mobile = mobile();
        Map<String, Object> body = codeAssigned(mobile);
        JsonPath first = notifyResult(body);
        assertEquals("SENT", first.getString("outcome"));

        body.put("mobile", "0086-" + mobile.substring(0, 3) + "-" + mobile.substring(3, 7) + "-" + mobile.substring(7));
        JsonPath again = notifyResult(body);
        assertEquals("DUPLICATE", again.getString("outcome"));
        assertEquals(first.getString("notificationId"), again.getString("notificationId"));
        assertEquals(first.getString("text"), again.getString("text"));

        // eventId is checked before every other rule: a broken replay is still a duplicate.
        body.put("event", "NO_SUCH_EVENT");
        body.put("mobile", "not a number");
        assertEquals("DUPLICATE", notifyResult(body).getString("outcome"));
        assertEquals(1, sandbox.messages(mobile).size());
    }

    @Test
    void sixteenConcurrentCallersSendOnce() throws Exception {
        String mobile = mobile();
        String eventId = eventId();
        ObjectMapper mapper = new ObjectMapper();
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpClient http = HttpClient.newHttpClient();
        String[] forms = { mobile, "+86 " + mobile, "0086" + mobile, "86-" + mobile };
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonPath>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                String body = mapper.writeValueAsString(request(eventId, "CODE_ASSIGNED", forms[i % forms.length], Map.of()));
                answers.add(pool.submit(() -> {
                    start.await();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/notifyResult"))
                            .header("Content-Type", "application/json").header("Authorization", "Basic "
                                    + java.util.Base64.getEncoder().encodeToString("hub:sandbox".getBytes()))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode(), r.body());
                    return new JsonPath(r.body());
                }));
            }
            start.countDown();
            Map<String, Integer> outcomes = new LinkedHashMap<>();
            List<String> ids = new ArrayList<>();
            for (Future<JsonPath> f : answers) {
                JsonPath a = f.get();
                outcomes.merge(a.getString("outcome"), 1, Integer::sum);
                ids.add(a.getString("notificationId"));
            }
            assertEquals(Map.of("SENT", 1, "DUPLICATE", 15), outcomes);
            assertEquals(1, ids.stream().distinct().count());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, sandbox.messages(mobile).size(), "one SMS at the provider");
    }

    @Test
    void quietHoursDeferUntilEightAndFlushSends() {
        clock.set(morning.with(LocalTime.of(23, 15)));
        String mobile = mobile();
        JsonPath answer = notifyResult(codeAssigned(mobile));
        assertEquals("DEFERRED", answer.getString("outcome"));
        String expected = morning.toLocalDate().plusDays(1) + "T08:00:00+08:00";
        assertEquals(expected, answer.getString("sendAfter"));
        assertTrue(sandbox.messages(mobile).isEmpty());

        clock.set(morning.toLocalDate().plusDays(1).atTime(7, 59));
        flush();
        assertTrue(sandbox.messages(mobile).isEmpty(), "not before 08:00");

        clock.set(morning.toLocalDate().plusDays(1).atTime(8, 0));
        flush();
        assertEquals(1, sandbox.messages(mobile).size());
        JsonPath status = status(answer.getString("notificationId"));
        assertEquals("DELIVERED", status.getString("status"));
        assertEquals(List.of("ACCEPTED", "DEFERRED", "SENT", "DELIVERED"), status.getList("history.status"));
        assertEquals(morning.toLocalDate().plusDays(1) + "T08:00:00+08:00", status.getString("history[2].at"));
    }

    @Test
    void earlyMorningIsQuietToo() {
        clock.set(morning.with(LocalTime.of(6, 30)));
        JsonPath answer = notifyResult(codeAssigned(mobile()));
        assertEquals("DEFERRED", answer.getString("outcome"));
        assertEquals(morning.toLocalDate() + "T08:00:00+08:00", answer.getString("sendAfter"));
    }

    @Test
    void urgentBypassesQuietHours() {
        clock.set(morning.with(LocalTime.of(23, 15)));
        Map<String, Object> body = request(eventId(), "DEADLINE_WARNING", mobile(),
                Map.of("itemName", "施工许可", "deadline", "明日"));
        body.put("urgent", true);
        assertEquals("SENT", notifyResult(body).getString("outcome"));
    }

    @Test
    void sameEventSameProjectSameNumberOncePer30Seconds() {
        String mobile = mobile();
        assertEquals("SENT", notifyResult(codeAssigned(mobile)).getString("outcome"));
        clock.advance(Duration.ofSeconds(10));
        Map<String, Object> urgent = codeAssigned(mobile);
        urgent.put("urgent", true);
        JsonPath second = notifyResult(urgent);
        assertEquals("DEFERRED", second.getString("outcome"), "urgent never bypasses the limits");
        assertEquals(morning.toLocalDate() + "T10:00:30+08:00", second.getString("sendAfter"));

        // Another event to the same number is not held by the 30 s rule.
        assertEquals("SENT", notifyResult(request(eventId(), "RESULTS_READY", mobile, Map.of("place", "3号窗口")))
                .getString("outcome"));

        clock.advance(Duration.ofSeconds(20));
        flush();
        assertEquals("SENT", status(second.getString("notificationId")).getString("history[2].status"));
        assertEquals(3, sandbox.messages(mobile).size());
    }

    @Test
    void tenMessagesPerNumberPerDayThenTomorrowMorning() {
        String mobile = mobile();
        for (int i = 0; i < 10; i++) {
            assertEquals("SENT", notifyResult(codeAssigned(mobile)).getString("outcome"), "message " + (i + 1));
            clock.advance(Duration.ofSeconds(31));
        }
        JsonPath eleventh = notifyResult(codeAssigned(mobile));
        assertEquals("DEFERRED", eleventh.getString("outcome"));
        // Midnight starts the new day, but midnight is quiet: 08:00.
        assertEquals(morning.toLocalDate().plusDays(1) + "T08:00:00+08:00", eleventh.getString("sendAfter"));
        assertTrue(status(eleventh.getString("notificationId")).getString("history[1].detail").contains("daily_limit"));

        clock.set(morning.toLocalDate().plusDays(1).atTime(8, 0, 5));
        flush();
        assertEquals(11, sandbox.messages(mobile).size());
    }

    @Test
    void sandboxTechnicalFailureDefersWithBackoffAndIsNeverLost() {
        JsonPath answer = notifyResult(codeAssigned(SandboxSmsProvider.TECHNICAL_FAILURE));
        assertEquals("DEFERRED", answer.getString("outcome"));
        assertEquals(morning.toLocalDate() + "T10:01:00+08:00", answer.getString("sendAfter"));
        String id = answer.getString("notificationId");

        clock.advance(Duration.ofMinutes(1));
        flush();
        JsonPath status = status(id);
        assertEquals("DEFERRED", status.getString("status"));
        assertEquals(2, status.getInt("attempts"));
        assertEquals(morning.toLocalDate() + "T10:03:00+08:00", status.getString("sendAfter"), "back-off doubles");
        assertTrue(status.getString("history[-1].detail").contains("technical_failure"));
    }

    @Test
    void sandboxTemporaryFailureIsSentByTheNextFlush() {
        JsonPath answer = notifyResult(codeAssigned(SandboxSmsProvider.TEMPORARY_FAILURE));
        assertEquals("DEFERRED", answer.getString("outcome"));
        clock.advance(Duration.ofMinutes(1));
        JsonPath flushed = flush();
        assertTrue(flushed.getInt("sent") >= 1);
        JsonPath status = status(answer.getString("notificationId"));
        assertEquals("DELIVERED", status.getString("status"));
        assertEquals(List.of("ACCEPTED", "DEFERRED", "SENT", "DELIVERED"), status.getList("history.status"));
    }

    @Test
    void sandboxMagicNumbersForReceipts() {
        JsonPath failed = notifyResult(codeAssigned(SandboxSmsProvider.PERMANENT_FAILURE));
        assertEquals("SENT", failed.getString("outcome"));
        assertEquals("FAILED", status(failed.getString("notificationId")).getString("status"));

        JsonPath silent = notifyResult(codeAssigned(SandboxSmsProvider.NO_RECEIPT));
        assertEquals("SENT", status(silent.getString("notificationId")).getString("status"));
    }

    @Test
    void sandboxRefusedNumberFailsAtOnceAndIsNeverRetried() {
        JsonPath answer = notifyResult(codeAssigned(SandboxSmsProvider.REFUSED));
        assertEquals("FAILED", answer.getString("outcome"), answer.prettify());
        String id = answer.getString("notificationId");
        clock.advance(Duration.ofHours(2));
        flush();
        JsonPath status = status(id);
        assertEquals("FAILED", status.getString("status"));
        assertEquals(1, status.getInt("attempts"));
        assertEquals(List.of("ACCEPTED", "FAILED"), status.getList("history.status"));
    }

    @Test
    void sandboxNumberLimitWaitsThirtySecondsThenSends() {
        JsonPath answer = notifyResult(codeAssigned(SandboxSmsProvider.NUMBER_LIMITED));
        assertEquals("DEFERRED", answer.getString("outcome"), answer.prettify());
        assertEquals(clock.beijing().plusSeconds(30) + "+08:00", answer.getString("sendAfter"));
        clock.advance(Duration.ofSeconds(30));
        flush();
        assertEquals("DELIVERED", status(answer.getString("notificationId")).getString("status"));
    }

    @Test
    void statusByEventIdAndUnknownIds() {
        String mobile = mobile();
        Map<String, Object> body = codeAssigned(mobile);
        JsonPath sent = notifyResult(body);
        JsonPath status = post("notificationStatus", Map.of("eventId", body.get("eventId")));
        assertEquals(sent.getString("notificationId"), status.getString("notificationId"));
        assertEquals("DELIVERED", status.getString("status"));
        assertEquals(mobile.substring(0, 3) + "****" + mobile.substring(7), status.getString("mobile"));
        assertEquals(morning.toLocalDate() + "T10:00:00+08:00", status.getString("history[0].at"));

        JsonPath unknown = post("notificationStatus", Map.of("eventId", "no-such-event"));
        assertEquals("not_found", unknown.getString("errors[0].code"));
    }

    @Test
    void sandboxMessagesFunctionReadsWhatWasSent() {
        String mobile = mobile();
        JsonPath sent = notifyResult(codeAssigned(mobile));
        JsonPath messages = post("sandboxMessages", Map.of("mobile", "+86" + mobile));
        assertEquals(1, messages.getList("$").size());
        assertEquals(sent.getString("text"), messages.getString("[0].text"));
        assertEquals(PROJECT_CODE, messages.getString("[0].values.projectCode"));
        assertEquals("DELIVERED", messages.getString("[0].outcome"));
    }
}
