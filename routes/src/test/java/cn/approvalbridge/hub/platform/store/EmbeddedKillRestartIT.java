package cn.approvalbridge.hub.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.HubProcess;
import cn.approvalbridge.hub.approval.ApprovalKillRestartIT.Unit;
import cn.approvalbridge.hub.approval.ApprovalKillRestartIT.Window;

/**
 * The one-command embedded default (embedded PostgreSQL and Artemis under ./data) under repeated kill -9: the packaged
 * hub and every process it started — its JVM and the embedded PostgreSQL server with its backends — are killed at
 * short random intervals while declarations keep arriving and the sandbox departments walk the projects through steps
 * 1-7 (the test is the window that hands in materials). After every restart every project the hub acknowledged must
 * still read, and every coded project's trail must read and verify; at the end every project completes, with one code
 * each and one CODE_ASSIGNED and one RESULTS_READY SMS per unit. A few extra kills take the JVM alone, so that the
 * next start finds the orphaned server still running on the cluster.
 * <p>
 * {@code -Dembedded-kill.kills=N} sets the number of full kills (default 20).
 */
class EmbeddedKillRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DEPARTMENTS = List.of("FGW", "ZRZY", "ZJ");
    /** Declarations per round between two kills: they keep flowing across all kills, not only the first few. */
    private static final int PER_ROUND = 3;
    private static final String[] SETTINGS = { "hub.sandbox.departments.walk=true",
            "hub.sandbox.departments.walk-delay-ms=500",
            "hub.sandbox.project-approval-system.poll-interval=1s",
            "hub.staging.pickup-interval=1s",
            "result-notification.limits.same-event-interval=PT1S",
            "result-notification.flush.every=1s",
            "result-notification.retry.lease=PT10S" };

    @Test
    void everyProjectReadsMovesOnAndVerifiesAfterEveryKill() throws Exception {
        int fullKills = Integer.getInteger("embedded-kill.kills", 20);
        Path dir = Path.of("target", "embedded-kill-restart-" + System.currentTimeMillis()).toAbsolutePath();
        Random random = new Random();
        List<Unit> units = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long began = System.nanoTime();
        int processesKilled = 0;
        int jvmOnlyKills = 0;
        List<Long> restartMillis = new ArrayList<>();
        // C2 compilation only slows a JVM that lives for seconds; the hub starts about a third faster without it
        try (HubProcess hub = new HubProcess(dir).jvmOptions("-XX:TieredStopAtLevel=1")) {
            hub.start(SETTINGS);
            Window window = new Window(units, hub);
            Future<?> windowRun = pool.submit(window);
            Declarer declarer = new Declarer(hub, units);
            Future<?> declaring = pool.submit(declarer);
            for (int kill = 1; kill <= fullKills + fullKills / 10; kill++) {
                declarer.permits.release(PER_ROUND);
                Thread.sleep(1500 + random.nextInt(3500)); // up, under load, for 1.5-5 s
                boolean jvmOnly = kill % 10 == 0;
                if (jvmOnly) {
                    hub.killJvmOnly();
                    jvmOnlyKills++;
                } else {
                    processesKilled += hub.kill();
                }
                long t = System.nanoTime();
                hub.start(SETTINGS);
                restartMillis.add((System.nanoTime() - t) / 1_000_000);
                check(hub, units, kill, failures);
                System.out.printf("EmbeddedKillRestartIT: kill %d (%s), %d projects, per step %s%n", kill,
                        jvmOnly ? "JVM only" : "all processes", units.size(), steps(units));
                if (windowRun.isDone()) {
                    windowRun.get(); // the window failed: its assertion is the cause
                }
            }
            declarer.stop = true;
            declaring.get(30, TimeUnit.SECONDS);
            // every project moves on to completion after the last restart
            long until = System.nanoTime() + Duration.ofSeconds(240).toNanos();
            while (!units.stream().allMatch(u -> "COMPLETED".equals(u.step)) && System.nanoTime() < until) {
                if (windowRun.isDone()) {
                    windowRun.get();
                }
                Thread.sleep(1000);
            }
            window.stop = true;
            windowRun.get(30, TimeUnit.SECONDS);
            check(hub, units, -1, failures);
            List<String> stuck = units.stream().filter(u -> !"COMPLETED".equals(u.step))
                    .map(u -> u.id + "@" + u.step).toList();
            Set<String> codes = new HashSet<>();
            for (Unit u : units) {
                if (u.code != null && !codes.add(u.code)) {
                    failures.add("code issued twice: " + u.code);
                }
                Map<String, Integer> sms = sms(hub, u.mobile);
                if (sms.getOrDefault("CODE_ASSIGNED", 0) > 1 || sms.getOrDefault("RESULTS_READY", 0) > 1) {
                    failures.add(u.id + " SMS twice: " + sms);
                }
            }
            long seconds = (System.nanoTime() - began) / 1_000_000_000;
            System.out.printf("EmbeddedKillRestartIT: %d full kills (%d processes killed with kill -9), %d JVM-only "
                    + "kills, %d projects, %d completed, %d failures, restart median %d ms, max %d ms, %d s in all%n",
                    fullKills, processesKilled, jvmOnlyKills, units.size(), units.size() - stuck.size(),
                    failures.size(), median(restartMillis), restartMillis.stream().mapToLong(x -> x).max().orElse(0),
                    seconds);
            assertTrue(failures.isEmpty(), failures.size() + " failures, first: " + failures.subList(0,
                    Math.min(10, failures.size())));
            assertEquals(List.of(), stuck, "projects that did not complete");
            assertTrue(units.size() >= 20, "projects declared: " + units.size());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every acknowledged project reads; every coded one's trail reads and verifies. */
    private static void check(HubProcess hub, List<Unit> units, int kill, List<String> failures) throws Exception {
        for (Unit u : units) {
            HttpResponse<String> d = hub.get("/api/v1/declarations/" + u.id, "window");
            if (d.statusCode() != 200) {
                failures.add("after kill " + kill + ": " + u.id + " reads " + d.statusCode() + " " + d.body());
                continue;
            }
            String code = JSON.readTree(d.body()).path("projectCode").textValue();
            if (code == null) {
                continue;
            }
            HttpResponse<String> t = hub.get("/api/v1/projects/" + code + "/trail?verify=true", "operator");
            if (t.statusCode() != 200 || !JSON.readTree(t.body()).path("valid").asBoolean()) {
                failures.add("after kill " + kill + ": " + code + " trail " + t.statusCode() + " "
                        + t.body().substring(0, Math.min(300, t.body().length())));
            }
        }
    }

    /** The window declaring projects, one every 0.4-1 s while the hub is up, as many as it has permits for. */
    static final class Declarer implements Runnable {
        final HubProcess hub;
        final List<Unit> units;
        final Semaphore permits = new Semaphore(0);
        volatile boolean stop;

        Declarer(HubProcess hub, List<Unit> units) {
            this.hub = hub;
            this.units = units;
        }

        @Override
        public void run() {
            Random random = new Random();
            while (!stop) {
                Unit u = new Unit(random.nextInt(3) * 1000L);
                try {
                    if (!permits.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    HttpResponse<String> r = hub.post("/api/v1/declarations", "window",
                            JSON.writeValueAsString(Fixtures.declaration(u.id, u.mobile, DEPARTMENTS)));
                    if (r.statusCode() == 202) {
                        units.add(u);
                    } else {
                        permits.release();
                    }
                } catch (IOException e) {
                    permits.release();
                    // cut off by a kill: not acknowledged, so not the hub's to keep
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    Thread.sleep(400 + random.nextInt(600));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static Map<String, Integer> sms(HubProcess hub, String mobile) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode m : JSON.readTree(hub.get("/sandbox/sms?mobile=" + mobile, null).body())) {
            counts.merge(m.path("event").asText(), 1, Integer::sum);
        }
        return counts;
    }

    private static Map<String, Integer> steps(List<Unit> units) {
        Map<String, Integer> d = new TreeMap<>();
        for (Unit u : units) {
            d.merge(u.step == null ? (u.code == null ? "PRE_REVIEW" : "CODED") : u.step, 1, Integer::sum);
        }
        return d;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }
}
