package cn.approvalbridge.hub.cluster;

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
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.cluster.LocalCluster.Replica;

/**
 * Two hub replicas through infra/local/cluster.sh (a standalone Artemis broker in its own JVM, the machine's
 * PostgreSQL, a fresh schema per run): declarations and materials go to both replicas in turn, one replica is killed
 * with kill -9 while the projects are spread over steps 1-7 and started again; then every project completes with what
 * partners and people observe happening once — one code per declaration, each SMS once, each platform registration and
 * result once, each staging row once, the trail verified — whichever replica did the work. With the sandbox clock moved
 * past the pre-review limit of projects a department never answers, each warning and each escalation is raised once
 * although both replicas run the deadline monitor's schedule.
 */
class ClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PROJECTS = 12;
    private static final int SILENT = 3;
    private static final List<String> DEPARTMENTS = List.of("FGW", "ZRZY", "ZJ");
    private static final Set<String> ITEMS = Set.of("FGW-01", "ZRZY-01", "ZJ-01");
    /** The sandbox's STHJ duty desk (warnings) and supervisor (escalations). */
    private static final String STHJ_DUTY = "13700000003";
    private static final String STHJ_SUPERVISOR = "13700000013";
    /** The lease of the sandbox departments' walk through steps 4-7. */
    private static final String WALKING = "sandbox-department-approval";

    private LocalCluster cluster;

    @AfterEach
    void down() throws Exception {
        if (cluster != null) {
            cluster.down();
        }
    }

    @Test
    void twoReplicasOneKilledMidFlightEveryProjectCompletesNothingTwice() throws Exception {
        long started = System.nanoTime();
        String schema = "cluster_" + Long.toString(System.currentTimeMillis(), 36);
        cluster = new LocalCluster(Path.of("target", "cluster-" + schema).toAbsolutePath(), schema,
                // the departments walk the projects on by themselves; STHJ never answers (the deadline projects)
                "hub.sandbox.departments.walk=true", "hub.sandbox.departments.walk-delay-ms=1500",
                "hub.sandbox.departments.STHJ.rule=SILENCE",
                "hub.sandbox.project-approval-system.poll-interval=1s", "hub.staging.pickup-interval=1s",
                "hub.deadlines.check-interval=2s", "hub.staging.upload-watch-interval=2s", "hub.eia.retry-interval=2s",
                // a dead replica's leases pass to the other within 10 s, each at its job's next tick (every job of
                // this test ticks every 2 s at most; a lease is taken over only by its own job's tick)
                "hub.cluster.lease-ttl=10s",
                "result-notification.quiet-hours.start=00:00", "result-notification.quiet-hours.end=00:00",
                "result-notification.limits.same-event-interval=PT1S", "result-notification.flush.every=1s",
                "result-notification.retry.lease=PT15S", "hub.outbox.sweep-after-ms=2000");
        List<Replica> replicas = cluster.up();
        assertEquals(2, replicas.size());
        Window window = new Window(replicas);

        List<Window.Unit> units = new ArrayList<>();
        for (int i = 0; i < PROJECTS; i++) {
            Window.Unit u = window.declare(i, DEPARTMENTS, (i % 3) * 1000L);
            units.add(u);
            Thread.sleep(300);
        }
        List<Window.Unit> silent = new ArrayList<>();
        for (int i = 0; i < SILENT; i++) {
            silent.add(window.declare(i, List.of("STHJ"), 0));
        }
        window.start(units);

        // kill -9 the second replica once the projects are spread out: some completed, most on their way
        await("a spread over steps 4-7", Duration.ofSeconds(120), () -> {
            Map<String, Integer> d = window.distribution();
            return d.getOrDefault("COMPLETED", 0) >= 1 || d.getOrDefault("APPROVAL", 0) >= PROJECTS / 3;
        }, window);
        Map<String, Integer> atKill = window.distribution();
        // the victim: the replica walking the sandbox departments through steps 4-7 (it holds their lease)
        Map<String, Long> holders = cluster.leaseHolders();
        long walker = holders.getOrDefault(WALKING, replicas.get(1).pid());
        Replica victim = replicas.stream().filter(r -> r.pid() == walker).findFirst().orElse(replicas.get(1));
        Replica survivor = replicas.get(victim == replicas.get(0) ? 1 : 0);
        List<String> victimsLeases = holders.entrySet().stream().filter(e -> e.getValue() == victim.pid())
                .map(Map.Entry::getKey).toList();
        victim.kill();
        long killedAt = System.nanoTime();
        System.out.printf("ClusterIT: kill -9 of replica %d (pid %d, holding %s) with projects per step %s%n",
                victim.number(), victim.pid(), victimsLeases, atKill);
        assertTrue(atKill.getOrDefault("COMPLETED", 0) < PROJECTS, "not yet completed at the kill: " + atKill);
        assertTrue(victimsLeases.contains(WALKING), "the victim walks the departments: " + holders);

        // the survivor takes over the dead replica's leases within their ttl (and its in-flight messages, which the
        // broker gives back), carries on alone for a while, then the dead one is started again by the same command
        await("the dead replica's leases taken over", Duration.ofSeconds(30), () -> {
            Map<String, Long> now = cluster.leaseHolders();
            return victimsLeases.stream().allMatch(l -> Long.valueOf(survivor.pid()).equals(now.get(l)));
        }, window);
        long takenOver = Duration.ofNanos(System.nanoTime() - killedAt).toSeconds();
        Thread.sleep(5000);
        List<Replica> again = cluster.up();
        window.replicas = again;
        System.out.printf("ClusterIT: leases taken over by replica %d after %d s; replica %d back as pid %d after %d s%n",
                survivor.number(), takenOver, victim.number(), again.get(victim.number() - 1).pid(),
                Duration.ofNanos(System.nanoTime() - killedAt).toSeconds());

        await("every project completed", Duration.ofSeconds(150), () -> units.stream().allMatch(Window.Unit::completed),
                window);
        Replica any = again.get(0);
        List<String> missing = new ArrayList<>();
        try {
            await("every SMS, staging row and platform result", Duration.ofSeconds(60), () -> {
                missing.clear();
                for (Window.Unit u : units) {
                    Checks.allArrived(any, u, ITEMS, missing);
                }
                return missing.isEmpty();
            }, window);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; still missing: " + missing, e);
        }
        window.stop();
        // let redeliveries and sweeps settle, then nothing may have reached anyone twice — asked of both replicas
        Thread.sleep(5000);
        Set<String> codes = new HashSet<>();
        int repeatedToPlatform = 0;
        for (Window.Unit u : units) {
            assertTrue(codes.add(u.code), "code " + u.code + " given twice");
            repeatedToPlatform += Checks.once(again.get(u.index % 2), u, ITEMS);
        }

        // the sandbox clock moved past the silent department's limit through one replica: the monitor (on whichever
        // replica holds its lease, both ticking every 2 s) warns and escalates each project once
        HttpResponse<String> moved = again.get(victim.number() - 1).post("/sandbox/clock", null, "{\"advanceDays\":7}");
        assertEquals(200, moved.statusCode(), moved.body());
        await("a warning and an escalation per silent project", Duration.ofSeconds(60), () ->
                Checks.sms(any, STHJ_DUTY).getOrDefault("DEADLINE_WARNING", 0) >= SILENT
                        && Checks.sms(any, STHJ_SUPERVISOR).getOrDefault("OVERDUE_ESCALATION", 0) >= SILENT, null);
        Thread.sleep(8000); // four more ticks of the monitor on each replica
        assertEquals(SILENT, Checks.sms(any, STHJ_DUTY).getOrDefault("DEADLINE_WARNING", 0), "warnings");
        assertEquals(SILENT, Checks.sms(any, STHJ_SUPERVISOR).getOrDefault("OVERDUE_ESCALATION", 0), "escalations");
        for (Window.Unit u : silent) {
            JsonNode d = JSON.readTree(any.get("/api/v1/declarations/" + u.id, "window").body());
            assertEquals("PRE_REVIEW", d.path("status").asText(), u.id + " " + d);
        }
        System.out.printf("ClusterIT: 2 replicas, 1 kill -9, %d projects through steps 1-7 (%d materials submissions cut "
                + "off by the kill), %d pre-review limits passed; nothing lost, nothing twice (platform results "
                + "received more than once: %d); %d s%n", PROJECTS, window.cutOff.size(), SILENT, repeatedToPlatform,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        cluster.down();
        cluster.dropSchemas();
        cluster = null;
    }

    static void await(String what, Duration atMost, Check check, Window window) throws Exception {
        long until = System.nanoTime() + atMost.toNanos();
        while (true) {
            if (window != null) {
                window.rethrow();
            }
            try {
                if (check.ok()) {
                    return;
                }
            } catch (IOException e) {
                // the replica asked is not answering yet
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

    static String id() {
        return Fixtures.uniqueId("CL");
    }
}
