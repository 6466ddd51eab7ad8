package cn.approvalbridge.hub.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.HubProcess;

/**
 * Durability of steps 4-7: the packaged hub is killed with kill -9 while coded projects are spread over item
 * lists, window acceptance, approval and completion (the sandbox departments and the sandbox project approval system
 * walking them on, the test acting as the window that hands in materials), restarted on the same ./data, and then every
 * project completes with what partners and people observe happening exactly once: each unit's ITEM_LIST_READY,
 * MATERIALS_ACCEPTED per item and RESULTS_READY SMS, one row per business key in every staging table, one result per
 * item at the investment platform, each item decided once, and a trail that still verifies.
 * <p>
 * The store and the staging database are the machine's PostgreSQL (fresh schemas per run, dropped after a pass), the
 * broker journal is the hub's own ./data: H2 2.4 was seen, once in 14 kills, to keep a torn index after kill -9 (a row
 * in the secondary indexes of hub_trail_entry but not in the table), which this test must not mistake for a flaw of the
 * hub's own recovery. KillRestartIT and EmbeddedKillRestartIT keep the embedded default (embedded PostgreSQL) under kill -9.
 */
public class ApprovalKillRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PROJECTS = 24;
    private static final List<String> DEPARTMENTS = List.of("FGW", "ZRZY", "ZJ");
    private static final Set<String> ITEMS = Set.of("FGW-01", "ZRZY-01", "ZJ-01");
    /** The steps of GET /api/v1/projects/{code} "approval.step", numbered as in the flow (null: no item list asked yet). */
    private static final Map<String, Integer> STEP = Map.of("PARALLEL_PRELIMINARY_REVIEW", 4, "WINDOW_ACCEPTANCE", 5,
            "APPROVAL", 6, "COMPLETED", 7);

    /** Both runs: departments walk with 2 s between their steps, so a journey takes long enough to be cut mid-way. */
    private static final String[] WALKING = { "hub.sandbox.departments.walk=true",
            "hub.sandbox.departments.walk-delay-ms=2000",
            "hub.sandbox.project-approval-system.poll-interval=1s",
            "hub.staging.pickup-interval=1s",
            // three MATERIALS_ACCEPTED to one number are spaced (same-event interval) and sent by the deferred flush:
            // shortened from 30 s so that they arrive within the test
            "result-notification.limits.same-event-interval=PT1S",
            "result-notification.flush.every=1s",
            // a notice the kill caught between its acceptance and its send waits out the send lease (5 min by default,
            // so that a slow gateway call is not sent twice) before the flush sends it; the lease is written with the
            // notice, in the first run, hence shortened in both (KillRestartIT shortens it only after the restart)
            "result-notification.retry.lease=PT15S" };

    /** WALKING, with the store in schema {@code schema} and the staging database in {@code schema}_staging. */
    static String[] settings(String schema) {
        String url = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=";
        List<String> all = new ArrayList<>(List.of(WALKING));
        all.addAll(List.of("quarkus.datasource.active=false", "quarkus.datasource.postgresql.active=true",
                "quarkus.datasource.postgresql.jdbc.url=" + url + schema, "quarkus.datasource.postgresql.username=postgres",
                "quarkus.flyway.postgresql.schemas=" + schema,
                "hub.staging.db-kind=postgresql",
                "quarkus.datasource.staging-postgresql.jdbc.url=" + url + schema + "_staging",
                "quarkus.datasource.staging-postgresql.username=postgres",
                "quarkus.flyway.staging-postgresql.schemas=" + schema + "_staging"));
        return all.toArray(String[]::new);
    }

    /** Drops the run's schemas (kept when the test fails, for a look). */
    static void dropSchemas(String schema) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                var st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("DROP SCHEMA IF EXISTS " + schema + "_staging CASCADE");
        }
    }

    /** One declared project as the window knows it (EmbeddedKillRestartIT drives its projects with it too). */
    public static final class Unit {
        public final String id = Fixtures.uniqueId("AK");
        public final String mobile = Fixtures.mobile();
        final String submissionId = "S-" + id;
        /** How long after the item list is complete the unit brings its materials (units are not all equally quick). */
        final long lagMs;
        public volatile String code;
        public volatile String step;
        volatile long listCompleteSeenAt;
        /** The window sent its materials submission at least once. */
        volatile boolean materialsSent;
        /** The window got a 2xx for its materials submission. */
        volatile boolean materialsAcknowledged;

        public Unit(long lagMs) {
            this.lagMs = lagMs;
        }
    }

    /** The window: polls its projects and hands in the materials once a project's item list is complete. */
    public static final class Window implements Runnable {
        final List<Unit> units;
        public volatile HubProcess hub;
        public volatile boolean stop;
        /** Units whose materials submission got no answer at least once (the kill, the hub down). */
        final Set<String> cutOff = ConcurrentHashMap.newKeySet();
        /** Units whose submission, sent again, was answered 200: the hub had stored it, the window had not heard. */
        final Set<String> answeredSame = ConcurrentHashMap.newKeySet();

        public Window(List<Unit> units, HubProcess hub) {
            this.units = units;
            this.hub = hub;
        }

        @Override
        public void run() {
            while (!stop) {
                for (Unit u : units) {
                    if (stop) {
                        return;
                    }
                    try {
                        drive(hub, u);
                    } catch (IOException e) {
                        // the hub is down (killed, restarting): try again on the next round
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                sleep(300);
            }
        }

        private void drive(HubProcess hub, Unit u) throws Exception {
            if (u.code == null) {
                JsonNode d = JSON.readTree(hub.get("/api/v1/declarations/" + u.id, "window").body());
                if (!d.path("projectCode").isTextual()) {
                    return;
                }
                u.code = d.path("projectCode").asText();
            }
            if ("COMPLETED".equals(u.step)) {
                return;
            }
            HttpResponse<String> p = hub.get("/api/v1/projects/" + u.code, "window");
            if (p.statusCode() != 200) {
                return;
            }
            u.step = JSON.readTree(p.body()).path("approval").path("step").textValue();
            if ("WINDOW_ACCEPTANCE".equals(u.step) && u.listCompleteSeenAt == 0) {
                u.listCompleteSeenAt = System.currentTimeMillis();
            }
            // a submission sent but not acknowledged is sent again whatever the step: the hub may have stored it
            boolean due = u.materialsSent || "WINDOW_ACCEPTANCE".equals(u.step)
                    && System.currentTimeMillis() >= u.listCompleteSeenAt + u.lagMs;
            if (!u.materialsAcknowledged && due) {
                submit(hub, u);
            }
        }

        /** Step 5 at the window: the unit's materials for every item awaiting them, under the unit's submissionId. */
        void submit(HubProcess hub, Unit u) throws Exception {
            boolean again = u.materialsSent;
            u.materialsSent = true;
            HttpResponse<String> r;
            try {
                // the same submissionId every time: a submission the hub stored before the kill answers 200
                r = hub.post("/api/v1/projects/" + u.code + "/materials", "window",
                        JSON.writeValueAsString(Map.of("submissionId", u.submissionId)));
            } catch (IOException e) {
                cutOff.add(u.id);
                throw e;
            }
            assertTrue(r.statusCode() == 202 || r.statusCode() == 200, u.code + " materials: " + r.statusCode()
                    + " " + r.body());
            if (again && r.statusCode() == 200 && cutOff.contains(u.id)) {
                answeredSame.add(u.id);
            }
            u.materialsAcknowledged = true;
        }
    }

    @Test
    void killedWithProjectsInStepsFourToSevenCompletesEveryProjectAndRepeatsNothing() throws Exception {
        Path dir = Path.of("target", "approval-kill-restart-" + System.currentTimeMillis()).toAbsolutePath();
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < PROJECTS; i++) {
            units.add(new Unit((i % 4) * 1500L));
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Window window;
        Future<?> windowRun;
        Map<Integer, Integer> atKill;
        String schema = "kill_" + Long.toString(System.currentTimeMillis(), 36);
        String[] settings = settings(schema);
        try (HubProcess first = new HubProcess(dir)) {
            first.start(settings);
            window = new Window(units, first);
            windowRun = pool.submit(window);
            // units come to the window one after another: their projects reach each step at different times
            for (Unit u : units) {
                HttpResponse<String> r = first.post("/api/v1/declarations", "window",
                        JSON.writeValueAsString(Fixtures.declaration(u.id, u.mobile, DEPARTMENTS)));
                assertEquals(202, r.statusCode(), r.body());
                Thread.sleep(500);
            }
            await("every project coded", Duration.ofSeconds(90), () -> units.stream().allMatch(u -> u.code != null),
                    windowRun);
            // kill -9 once a few projects are done while most are still on their way
            await("a spread over steps 4-7", Duration.ofSeconds(120), () -> {
                Map<Integer, Integer> d = distribution(units);
                return d.getOrDefault(7, 0) >= 2 || d.getOrDefault(6, 0) + d.getOrDefault(7, 0) >= PROJECTS / 2;
            }, windowRun);
            atKill = distribution(units);
            // the units at the window right now hand in their materials as the hub dies: some submissions are stored
            // without the window hearing so, some never arrive; either way the window sends them again after the restart
            List<Unit> atTheWindow = units.stream()
                    .filter(u -> "WINDOW_ACCEPTANCE".equals(u.step) && !u.materialsAcknowledged).toList();
            ExecutorService rush = Executors.newFixedThreadPool(Math.max(1, atTheWindow.size()));
            List<Future<?>> sent = new ArrayList<>();
            for (Unit u : atTheWindow) {
                sent.add(rush.submit(() -> {
                    try {
                        window.submit(first, u);
                    } catch (IOException e) {
                        // cut off by the kill: the window sends it again after the restart
                    }
                    return null;
                }));
            }
            Thread.sleep(20);
            first.kill();
            for (Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS); // any other failure (an unexpected answer) fails the test here
            }
            rush.shutdown();
            System.out.printf("ApprovalKillRestartIT: %d materials submission(s) sent as the hub was killed%n",
                    atTheWindow.size());
        }
        int notCompleted = PROJECTS - atKill.getOrDefault(7, 0);
        System.out.printf("ApprovalKillRestartIT: at kill -9, projects per step (window's last look) %s; materials "
                + "acknowledged %d of %d%n", atKill, units.stream().filter(u -> u.materialsAcknowledged).count(), PROJECTS);
        assertTrue(notCompleted >= 8, "not yet completed at the kill: " + atKill);
        assertTrue(atKill.getOrDefault(6, 0) + atKill.getOrDefault(7, 0) >= 2, "past step 5 at the kill: " + atKill);

        try (HubProcess second = new HubProcess(dir)) {
            second.start(settings);
            window.hub = second; // the window re-drives every submission it had no answer for, same submissionId
            await("every project completed, every materials submission acknowledged", Duration.ofSeconds(150),
                    () -> units.stream().allMatch(u -> "COMPLETED".equals(u.step) && u.materialsAcknowledged), windowRun);
            window.stop = true;
            windowRun.get(30, TimeUnit.SECONDS);
            System.out.printf("ApprovalKillRestartIT: materials submissions cut off by the kill %d, re-driven and "
                    + "answered 200 (already stored) %d%n", window.cutOff.size(), window.answeredSame.size());

            // the spaced MATERIALS_ACCEPTED and any notice caught by the kill arrive through the deferred flush
            List<String> missing = new ArrayList<>();
            Check allThere = () -> {
                missing.clear();
                for (Unit u : units) {
                    Map<String, Integer> sms = sms(second, u.mobile);
                    if (sms.getOrDefault("MATERIALS_ACCEPTED", 0) < 3 || sms.getOrDefault("RESULTS_READY", 0) < 1) {
                        missing.add(u.code + " SMS " + sms);
                    }
                    if (platform(second, u.code).size() < 3) {
                        missing.add(u.code + " platform " + platform(second, u.code).keySet());
                    }
                    if (!uploaded(second, u.code)) {
                        missing.add(u.code + " staging rows not all written and uploaded");
                    }
                }
                return missing.isEmpty();
            };
            try {
                await("every SMS, staging row and platform result", Duration.ofSeconds(90), allThere, null);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; still missing: " + missing, e);
            }

            int repeatedToPlatform = 0;
            for (Unit u : units) {
                repeatedToPlatform += checkProject(second, u);
            }
            System.out.printf("ApprovalKillRestartIT: results the platform received more than once (at-least-once to "
                    + "a platform keyed by xmdm + spsxbm) %d%n", repeatedToPlatform);
            // let redeliveries and the flush settle, then check again that nothing reached anyone twice
            Thread.sleep(5000);
            for (Unit u : units) {
                checkSms(second, u);
                assertEquals(ITEMS, new TreeSet<>(platform(second, u.code).keySet()), u.code + " at the platform");
                checkStaging(second, u);
            }
            second.close();
            dropSchemas(schema);
        } catch (AssertionError | Exception e) {
            String cause = storeDiagnosis(dir);
            if (cause != null) {
                throw new AssertionError(cause + ": " + e, e);
            }
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Names a known cause in the failure: H2 (2.4.240) can reopen after kill -9 with an index entry whose row is not in
     * the table (a transaction in flight at the kill), and every later read of that project's trail then fails. Only a
     * hint for whoever reads the failure; the assertions are on what partners observe.
     */
    private static String storeDiagnosis(Path dir) throws IOException {
        Path log = dir.resolve("hub.log");
        if (Files.exists(log) && Files.readString(log).contains("not found in primary index")) {
            return "The hub's H2 store was left inconsistent by the kill -9 (\"Row ... not found in primary index\" in "
                    + log + ")";
        }
        return null;
    }

    /** Everything observable about one project after the restart; returns its results received more than once. */
    private static int checkProject(HubProcess hub, Unit u) throws Exception {
        checkSms(hub, u);
        JsonNode p = JSON.readTree(hub.get("/api/v1/projects/" + u.code, "window").body()).path("approval");
        assertEquals("COMPLETED", p.path("step").asText(), u.code);
        Map<String, String> documents = new HashMap<>();
        for (JsonNode i : p.path("items")) {
            assertEquals("APPROVED", i.path("decision").asText(), u.code + " " + i);
            assertTrue(i.path("documentNumber").isTextual(), u.code + " " + i);
            documents.put(i.path("itemCode").asText(), i.path("documentNumber").asText());
        }
        assertEquals(ITEMS, documents.keySet(), u.code + " items");

        // the investment platform: one row per decided item, with the item's document number
        Map<String, JsonNode> results = platform(hub, u.code);
        assertEquals(ITEMS, results.keySet(), u.code + " at the platform");
        int repeated = 0;
        for (var e : results.entrySet()) {
            assertEquals(documents.get(e.getKey()), JSON.readTree(e.getValue().path("body").asText()).path("pfwh").asText(),
                    u.code + " " + e.getKey() + " at the platform");
            repeated += e.getValue().path("timesReceived").asInt() > 1 ? 1 : 0;
        }

        Map<String, List<JsonNode>> staging = checkStaging(hub, u);
        for (JsonNode w : staging.get("SPGL_XMSPSXPFWJXXB")) {
            String item = w.path("SPSXSLBM").asText().substring((u.code + "-001-").length());
            assertEquals(documents.get(item), w.path("PFWH").asText(), u.code + " " + w);
        }

        // the trail: each inbound message recorded once, the chain intact
        JsonNode trail = JSON.readTree(hub.get("/api/v1/projects/" + u.code + "/trail?verify=true", "window").body());
        assertTrue(trail.path("valid").asBoolean(), u.code + " trail does not verify");
        Map<String, Integer> kinds = new TreeMap<>();
        for (JsonNode e : trail.path("entries")) {
            if (!"OUT".equals(e.path("direction").asText())) {
                kinds.merge(e.path("kind").asText(), 1, Integer::sum);
            }
        }
        for (var k : Map.of("ITEM_LIST", 3, "ITEM_LIST_READY", 1, "MATERIALS", 1, "MATERIAL_REVIEW", 3,
                "APPROVAL_RESULT", 3, "RESULTS_READY", 1).entrySet()) {
            assertEquals(k.getValue(), kinds.getOrDefault(k.getKey(), 0), u.code + " trail " + k.getKey() + ": " + kinds);
        }
        return repeated;
    }

    private static void checkSms(HubProcess hub, Unit u) throws Exception {
        Map<String, Integer> sms = sms(hub, u.mobile);
        assertEquals(1, sms.getOrDefault("CODE_ASSIGNED", 0), u.code + " SMS " + sms);
        assertEquals(1, sms.getOrDefault("ITEM_LIST_READY", 0), u.code + " SMS " + sms);
        assertEquals(3, sms.getOrDefault("MATERIALS_ACCEPTED", 0), u.code + " SMS " + sms);
        assertEquals(1, sms.getOrDefault("RESULTS_READY", 0), u.code + " SMS " + sms);
    }

    /** Every staging table holds each business key of the project once, and nothing else of it. */
    private static Map<String, List<JsonNode>> checkStaging(HubProcess hub, Unit u) throws Exception {
        Map<String, List<JsonNode>> s = staging(hub, u.code);
        assertEquals(1, s.get("SPGL_XMJBXXB").size(), u.code + " SPGL_XMJBXXB");
        assertEquals(1, s.get("SPGL_XMDWXXB").size(), u.code + " SPGL_XMDWXXB");
        assertEquals(ITEMS, keys(s.get("SPGL_XMSPSXBLXXB"), "SPSXBM", 3), u.code + " SPGL_XMSPSXBLXXB");
        // the hub's rows under its keys (AB-), the 工改's decision of ZJ-01 under its own (GGXT-), each once
        Set<String> documents = new TreeSet<>();
        Set<String> details = new TreeSet<>();
        for (String item : ITEMS) {
            String sl = u.code + "-001-" + item;
            String owner = "ZJ-01".equals(item) ? "GGXT-" : "AB-";
            documents.add(owner + "WJ-" + sl);
            details.add("AB-ZT-" + sl + "-1");
            details.add("AB-ZT-" + sl + "-3");
            details.add("ZJ-01".equals(item) ? "GGXT-ZT-" + sl : "AB-ZT-" + sl + "-11");
        }
        assertEquals(documents, keys(s.get("SPGL_XMSPSXPFWJXXB"), "DFSJZJ", 3), u.code + " SPGL_XMSPSXPFWJXXB");
        assertEquals(details, keys(s.get("SPGL_XMSPSXBLXXXXB"), "DFSJZJ", 9), u.code + " SPGL_XMSPSXBLXXXXB");
        return s;
    }

    /** The values of {@code column}, failing when there are not exactly {@code rows} rows or a value repeats. */
    private static Set<String> keys(List<JsonNode> rows, String column, int count) {
        Set<String> keys = new TreeSet<>();
        for (JsonNode r : rows) {
            assertTrue(keys.add(r.path(column).asText()), "twice: " + r);
        }
        assertEquals(count, rows.size(), "rows: " + rows);
        return keys;
    }

    private static boolean uploaded(HubProcess hub, String code) throws Exception {
        Map<String, List<JsonNode>> s = staging(hub, code);
        return s.get("SPGL_XMSPSXBLXXXXB").size() >= 9 && s.get("SPGL_XMSPSXPFWJXXB").size() >= 3
                && s.values().stream().flatMap(List::stream).allMatch(r -> "1".equals(r.path("SJSCZT").asText()));
    }

    private static Map<String, List<JsonNode>> staging(HubProcess hub, String code) throws Exception {
        JsonNode n = JSON.readTree(hub.get("/sandbox/approval/staging?xmdm=" + code, null).body());
        Map<String, List<JsonNode>> out = new HashMap<>();
        n.properties().forEach(e -> {
            List<JsonNode> rows = new ArrayList<>();
            e.getValue().forEach(rows::add);
            out.put(e.getKey(), rows);
        });
        return out;
    }

    private static Map<String, JsonNode> platform(HubProcess hub, String code) throws Exception {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode r : JSON.readTree(hub.get("/sandbox/approval/investment-platform/results?xmdm=" + code, null).body())) {
            assertTrue(out.put(r.path("spsxbm").asText(), r) == null, code + " platform row twice: " + r);
        }
        return out;
    }

    private static Map<String, Integer> sms(HubProcess hub, String mobile) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode m : JSON.readTree(hub.get("/sandbox/sms?mobile=" + mobile, null).body())) {
            counts.merge(m.path("event").asText(), 1, Integer::sum);
        }
        return counts;
    }

    /** Projects per step (4-7; 0 while not yet coded or before the item lists are asked), as the window last saw them. */
    private static Map<Integer, Integer> distribution(List<Unit> units) {
        Map<Integer, Integer> d = new TreeMap<>();
        for (Unit u : units) {
            d.merge(u.step == null ? 0 : STEP.getOrDefault(u.step, 0), 1, Integer::sum);
        }
        return d;
    }

    private static void await(String what, Duration atMost, Check check, Future<?> window) throws Exception {
        long until = System.nanoTime() + atMost.toNanos();
        while (true) {
            if (window != null && window.isDone()) {
                window.get(); // the window failed: its assertion error is the cause
            }
            try {
                if (check.ok()) {
                    return;
                }
            } catch (IOException e) {
                // the hub is not answering yet
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("Not within " + atMost.toSeconds() + " s: " + what);
            }
            Thread.sleep(500);
        }
    }

    @FunctionalInterface
    interface Check {
        boolean ok() throws Exception;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
