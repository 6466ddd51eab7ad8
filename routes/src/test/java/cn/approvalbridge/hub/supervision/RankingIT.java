package cn.approvalbridge.hub.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.HubProcess;

/**
 * On the packaged hub, with its sandbox clock: a month in which FGW answers at once and STHJ late; its ranking says
 * final: false, STHJ below FGW; the sandbox clock moved to the 10th of the next month, the hub's own check fixes it.
 */
class RankingIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSandboxClockCarriesAMonthToItsFixedRanking() throws Exception {
        Path dir = Path.of("target", "ranking-" + System.currentTimeMillis()).toAbsolutePath();
        try (HubProcess hub = new HubProcess(dir)) {
            hub.start("hub.deadlines.check-interval=2s", "hub.sandbox.departments.walk=true");
            put(hub, "/sandbox/departments/STHJ/rule", "{\"rule\":\"SILENCE\",\"delaySeconds\":0}");
            // everything happens in one month: start on its first Monday
            LocalDate today = now(hub).toLocalDate();
            LocalDate monday = today.plusMonths(1).withDayOfMonth(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
            advance(hub, monday.toEpochDay() - today.toEpochDay());
            YearMonth month = YearMonth.from(now(hub));

            String id = Fixtures.uniqueId("RIT");
            assertEquals(202, hub.post("/api/v1/declarations", "window", JSON.writeValueAsString(
                    Fixtures.declaration(id, Fixtures.mobile(), List.of("FGW", "STHJ")))).statusCode());
            await(Duration.ofSeconds(30), () -> json(hub.get("/api/v1/declarations/" + id, "window"))
                    .path("departments").findValuesAsText("decision").contains("PASS"));
            advance(hub, 8); // the Tuesday after next: STHJ's 3 working days are over
            assertEquals(202, hub.post("/api/v1/declarations/" + id + "/pre-review-opinions", "dept-STHJ",
                    "{\"departmentCode\":\"STHJ\",\"decision\":\"PASS\"}").statusCode());

            JsonNode live = ranking(hub, month);
            assertFalse(live.path("final").asBoolean(), live.toString());
            JsonNode fgw = DepartmentRanking.byCode(live).get("FGW");
            JsonNode sthj = DepartmentRanking.byCode(live).get("STHJ");
            assertEquals(0, fgw.path("overdue").asInt(), live.toString());
            assertEquals(1, sthj.path("overdue").asInt(), live.toString());
            assertTrue(sthj.path("rank").asInt() > fgw.path("rank").asInt(), live.toString());

            LocalDate now = now(hub).toLocalDate();
            advance(hub, month.plusMonths(1).atDay(10).toEpochDay() - now.toEpochDay());
            // the hub's own check (every 2 s here) fixes the month
            await(Duration.ofSeconds(60), () -> ranking(hub, month).path("final").asBoolean());
            JsonNode fixed = ranking(hub, month);
            assertEquals(month.atEndOfMonth().toString(), fixed.path("asOf").asText());
            assertTrue(DepartmentRanking.byCode(fixed).get("STHJ").path("rank").asInt()
                    > DepartmentRanking.byCode(fixed).get("FGW").path("rank").asInt(), fixed.toString());
            advance(hub, 3);
            Thread.sleep(5_000);
            assertEquals(fixed, ranking(hub, month), "kept as fixed");
        }
    }

    static JsonNode ranking(HubProcess hub, YearMonth month) throws Exception {
        HttpResponse<String> r = hub.get("/api/v1/reports/department-ranking?month=" + month, "supervisor");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static OffsetDateTime now(HubProcess hub) throws Exception {
        return OffsetDateTime.parse(json(hub.get("/sandbox/clock", null)).path("now").asText());
    }

    static void advance(HubProcess hub, long days) throws Exception {
        if (days > 0) {
            HttpResponse<String> r = send(hub, "POST", "/sandbox/clock", "{\"advanceDays\":" + days + "}");
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    static void put(HubProcess hub, String path, String body) throws Exception {
        HttpResponse<String> r = send(hub, "PUT", path, body);
        assertTrue(r.statusCode() < 300, r.body());
    }

    static HttpResponse<String> send(HubProcess hub, String method, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.base() + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(Duration atMost, Check check) throws Exception {
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
