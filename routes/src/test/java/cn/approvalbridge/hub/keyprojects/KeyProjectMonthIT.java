package cn.approvalbridge.hub.keyprojects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.HubProcess;

/**
 * A key project's month end on the packaged hub, with its sandbox clock: two municipal key projects coded in month M,
 * the window posts M's progress for one of them only; the clock moved past the 5th of M+1 (after office close), the
 * sandbox key-project platform has exactly one 一项目一表 row of M for each (timesReceived 1), the one without progress
 * marked missing, and the window's duty mobile (hub.window.duty-mobile, 13800000005 on the embedded default) is told
 * of that one only (SMS KEY_PROJECT_PROGRESS_MISSING). Moving the clock further within M+1 sends nothing again.
 */
class KeyProjectMonthIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WINDOW_DESK = "13800000005";

    @Test
    void theMonthsRowsReachThePlatformOnceByTheFifthAndTheWindowIsToldOfTheMissingProgress() throws Exception {
        Path dir = Path.of("target", "key-project-month-" + System.currentTimeMillis()).toAbsolutePath();
        try (HubProcess hub = new HubProcess(dir)) {
            hub.start("hub.deadlines.check-interval=1s");
            String reported = coded(hub);
            String silent = coded(hub);
            YearMonth month = YearMonth.from(now(hub));

            HttpResponse<String> p = hub.post("/api/v1/projects/" + reported + "/progress", "window",
                    JSON.writeValueAsString(Map.of("month", month.toString(), "physicalProgress", "桩基施工完成",
                            "investmentCompleted", 560.0)));
            assertEquals(202, p.statusCode(), p.body());

            // past the 5th of M+1 at office close: the 6th, at this time of day
            LocalDate today = now(hub);
            advance(hub, month.plusMonths(1).atDay(6).toEpochDay() - today.toEpochDay());
            await(Duration.ofSeconds(60), () -> rows(hub, month).size() == 2
                    && !missingSms(hub, silent).isEmpty());
            Map<String, JsonNode> rows = rows(hub, month);
            assertEquals(1, rows.get(reported).path("timesReceived").asInt(), rows.toString());
            assertEquals(1, rows.get(silent).path("timesReceived").asInt(), rows.toString());
            assertEquals(month.toString(), rows.get(silent).path("month").asText(), rows.toString());
            assertFalse(rows.get(reported).path("row").path("sfqb").asBoolean(), rows.toString());
            assertEquals("桩基施工完成", rows.get(reported).path("row").path("xxjd").asText(), rows.toString());
            assertTrue(rows.get(silent).path("row").path("sfqb").asBoolean(), rows.toString());
            assertEquals(1, missingSms(hub, silent).size());
            assertTrue(missingSms(hub, reported).isEmpty(), "the project with progress is not chased");

            // further on, still before the 5th of M+2: nothing is sent again
            advance(hub, 20);
            Thread.sleep(5_000); // a few checks on the moved day
            Map<String, JsonNode> again = rows(hub, month);
            assertEquals(2, again.size(), again.toString());
            assertEquals(1, again.get(reported).path("timesReceived").asInt(), again.toString());
            assertEquals(1, again.get(silent).path("timesReceived").asInt(), again.toString());
            assertEquals(1, missingSms(hub, silent).size());
            assertTrue(rows(hub, month.plusMonths(1)).isEmpty(), "M+1's rows are not due yet");
        }
    }

    /** A municipal key project declared for FGW alone (the sandbox FGW passes it): its project code once coded. */
    private static String coded(HubProcess hub) throws Exception {
        String id = Fixtures.uniqueId("KPIT");
        Map<String, Object> d = new HashMap<>(Fixtures.declaration(id, Fixtures.mobile(), List.of("FGW")));
        d.put("keyProject", "MUNICIPAL");
        HttpResponse<String> r = hub.post("/api/v1/declarations", "window", JSON.writeValueAsString(d));
        assertEquals(202, r.statusCode(), r.body());
        String[] code = new String[1];
        await(Duration.ofSeconds(60), () -> (code[0] = JSON.readTree(hub.get("/api/v1/declarations/" + id, "window")
                .body()).path("projectCode").asText(null)) != null);
        return code[0];
    }

    /** The sandbox key-project platform's entries of the month, by project code (only this test's hub sends). */
    private static Map<String, JsonNode> rows(HubProcess hub, YearMonth month) throws Exception {
        HttpResponse<String> r = hub.get("/sandbox/key-projects/reports?month=" + month, null);
        assertEquals(200, r.statusCode(), r.body());
        Map<String, JsonNode> byCode = new HashMap<>();
        for (JsonNode e : JSON.readTree(r.body())) {
            JsonNode before = byCode.put(e.path("projectCode").asText(), e);
            assertEquals(null, before, "one entry per project and month: " + r.body());
        }
        return byCode;
    }

    /** The KEY_PROJECT_PROGRESS_MISSING SMS the sandbox gateway has for the window's desk naming the project. */
    private static List<JsonNode> missingSms(HubProcess hub, String projectCode) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode m : JSON.readTree(hub.get("/sandbox/sms?mobile="
                + URLEncoder.encode(WINDOW_DESK, StandardCharsets.UTF_8), null).body())) {
            if ("KEY_PROJECT_PROGRESS_MISSING".equals(m.path("event").asText())
                    && m.path("text").asText().contains(projectCode)) {
                found.add(m);
            }
        }
        return found;
    }

    private static LocalDate now(HubProcess hub) throws Exception {
        String now = JSON.readTree(hub.get("/sandbox/clock", null).body()).path("now").asText();
        return java.time.OffsetDateTime.parse(now).toLocalDate();
    }

    private static void advance(HubProcess hub, long days) throws Exception {
        HttpResponse<String> r = hub.post("/sandbox/clock", "operator", "{\"advanceDays\":" + days + "}");
        assertEquals(200, r.statusCode(), r.body());
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void await(Duration atMost, Check check) throws Exception {
        long end = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < end) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(500);
        }
        assertTrue(check.ok(), "not within " + atMost);
    }
}
