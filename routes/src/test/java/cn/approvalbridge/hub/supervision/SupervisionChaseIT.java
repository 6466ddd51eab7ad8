package cn.approvalbridge.hub.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.HubProcess;

/**
 * The packaged hub on its embedded defaults, rehearsed with the sandbox clock: department STHJ stays silent on a
 * pre-review; one calendar day at a time (POST /sandbox/clock) it is warned, escalated, reminded three times and called
 * to an interview, all as one case in the sandbox 13710 system, which closes when STHJ answers. The monitors run on the
 * moved time at their next tick (hub.deadlines.check-interval, 1 s here).
 */
class SupervisionChaseIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSandboxClockWalksASilentDepartmentThroughTheChase() throws Exception {
        Path dir = Path.of("target", "supervision-chase-" + System.currentTimeMillis()).toAbsolutePath();
        try (HubProcess hub = new HubProcess(dir)) {
            hub.start("hub.deadlines.check-interval=1s", "hub.sandbox.departments.STHJ.rule=SILENCE");
            String id = Fixtures.uniqueId("SVIT");
            String body = JSON.writeValueAsString(Fixtures.declaration(id, Fixtures.mobile(), List.of("FGW", "STHJ")));
            assertEquals(202, hub.post("/api/v1/declarations", "window", body).statusCode());
            awaitTrue(() -> "PASS".equals(review(hub, id, "FGW").path("decision").asText(null)), Duration.ofSeconds(60));

            // day by day until the chase is through: one case, three reminders, the interview
            for (int day = 0; day < 40 && updates(hub, id) < 4; day++) {
                assertEquals(200, hub.post("/sandbox/clock", "operator", "{\"advanceDays\":1}").statusCode());
                Thread.sleep(4000); // a few ticks of the monitors on the moved day
            }
            JsonNode sthj = review(hub, id, "STHJ");
            assertNotNull(sthj.path("warnedAt").asText(null), sthj.toString());
            assertEquals("OVERDUE", sthj.path("status").asText(), sthj.toString());
            awaitTrue(() -> updates(hub, id) == 4, Duration.ofSeconds(30));

            assertEquals(202, hub.post("/api/v1/declarations/" + id + "/pre-review-opinions", "dept-STHJ",
                    "{\"departmentCode\":\"STHJ\",\"decision\":\"PASS\",\"opinion\":\"同意\"}").statusCode());
            awaitTrue(() -> updates(hub, id) == 5, Duration.ofSeconds(60));

            List<Map<String, Object>> cases = cases(hub, id);
            assertEquals(1, cases.size(), cases.toString());
            Map<String, Object> k = cases.get(0);
            assertEquals("STHJ", k.get("departmentCode"));
            assertEquals(1, k.get("timesReceived"));
            assertEquals("CLOSED", k.get("status"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> updates = (List<Map<String, Object>>) k.get("updates");
            assertEquals(List.of("REMINDER", "REMINDER", "REMINDER", "INTERVIEW", "CLOSED"),
                    updates.stream().map(u -> u.get("type")).toList());
            assertTrue(updates.stream().allMatch(u -> Integer.valueOf(1).equals(u.get("timesReceived"))),
                    updates.toString());

            JsonNode view = JSON.readTree(hub.get("/api/v1/declarations/" + id, "window").body());
            assertEquals("CLOSED", view.path("supervision").path("cases").path(0).path("status").asText());
            awaitTrue(() -> JSON.readTree(hub.get("/api/v1/declarations/" + id, "window").body()).hasNonNull("projectCode"),
                    Duration.ofSeconds(60));
            String code = JSON.readTree(hub.get("/api/v1/declarations/" + id, "window").body()).path("projectCode").asText();
            String trail = hub.get("/api/v1/projects/" + code + "/trail?verify=true", "window").body();
            JsonNode t = JSON.readTree(trail);
            long reminders = 0;
            for (JsonNode e : t.path("entries")) {
                reminders += "SUPERVISION_REMINDER".equals(e.path("kind").asText()) ? 1 : 0;
            }
            assertEquals(3, reminders, trail);
            assertTrue(t.path("valid").asBoolean(), trail);
        }
    }

    private static JsonNode review(HubProcess hub, String id, String department) throws Exception {
        for (JsonNode d : JSON.readTree(hub.get("/api/v1/declarations/" + id, "window").body()).path("departments")) {
            if (department.equals(d.path("departmentCode").asText())) {
                return d;
            }
        }
        throw new AssertionError("no department " + department);
    }

    private static List<Map<String, Object>> cases(HubProcess hub, String id) throws Exception {
        return JSON.readValue(hub.get("/sandbox/supervision/cases?declarationId=" + id, null).body(),
                new TypeReference<List<Map<String, Object>>>() {
                });
    }

    /** The updates the sandbox 13710 system has of the declaration's one case (0 before the case). */
    private static int updates(HubProcess hub, String id) throws Exception {
        List<Map<String, Object>> cases = cases(hub, id);
        return cases.isEmpty() ? 0 : ((List<?>) cases.get(0).get("updates")).size();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(Check check, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within);
            }
            Thread.sleep(500);
        }
    }
}
