package cn.approvalbridge.hub;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Benchmark (not a test): `./mvnw -B -pl routes -Pbench verify` (packages first). Against the packaged hub in a child
 * JVM: declarations per second accepted (persisted and acknowledged) and end to end (to the CODE_ASSIGNED SMS),
 * p50/p99/p99.9 acknowledgement latency; beside the limits at the same concurrency, measured in the same run once the
 * hub has finished the round (RawLimits): single-row commits to the same database server and persistent sends to an
 * embedded Artemis set up like the hub's on the same disk, and the ratio of intake to the slower of the two; the hub
 * JVM's resident set (VmRSS, VmHWM) with its heap settings. Everything goes to target/bench/hub-benchmark.json.
 * Properties: bench.declarations (400), bench.clients (8), bench.runs (1; the median and min-max spread of each figure
 * over that many measured rounds on one hub), bench.db (embedded | postgresql, see BenchDatabase), bench.raw-commits
 * (2000), bench.raw-sends (4000), bench.warmup (declarations of a first round that is not counted; three rounds'
 * worth), bench.jvm-options (extra options for the hub's JVM, after -Xmx512m);
 * bench.down=FGW (or ZRZY) adds a round with that department answering 503 for bench.down-seconds (60) from the round's
 * first declaration (see PartnerOutage); bench.replicas=2 runs the same rounds against the two replicas of the local
 * cluster instead (see ClusterBenchmark).
 */
public final class HubBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (System.getProperty("hub.process.start-seconds") == null) {
            System.setProperty("hub.process.start-seconds", "600"); // a loaded machine starts the hub slowly
        }
        int n = Integer.getInteger("bench.declarations", 400);
        int clients = Integer.getInteger("bench.clients", 8);
        int runs = Integer.getInteger("bench.runs", 1);
        String down = System.getProperty("bench.down"); // a department (FGW, ZRZY) down during a second round
        int downSeconds = Integer.getInteger("bench.down-seconds", 60);
        String dbKind = System.getProperty("bench.db", "embedded");
        int replicas = Integer.getInteger("bench.replicas", 1);
        if (replicas != 1) {
            if (replicas != 2 || down != null) {
                throw new IllegalArgumentException("bench.replicas: 1, or 2 for the local cluster (always on the "
                        + "machine's PostgreSQL, all partners up: without bench.down)");
            }
            ClusterBenchmark.run(n, clients, runs);
            return;
        }
        // exec:java runs in Maven's JVM, whose working directory is wherever ./mvnw was started: use the module's target
        Path target = Path.of(System.getProperty("hub.bench.dir", "target")).toAbsolutePath();
        Path dir = target.resolve("bench-" + System.currentTimeMillis());
        BenchReport report = new BenchReport().put("clients", clients).put("declarations", n).put("runCount", runs)
                .put("startedAt", Instant.now().toString()).put("cores", Runtime.getRuntime().availableProcessors())
                .put("loadAverageAtStart", BenchReport.loadAverage());

        RawLimits.Rate raw1 = RawLimits.brokerSends(dir.resolve("raw-broker-1"), 2000, 1);
        try (HubProcess hub = new HubProcess(dir.resolve("hub")); PartnerOutage outage = new PartnerOutage(down, hub)) {
            BenchDatabase db = new BenchDatabase(dbKind, hub);
            String extra = System.getProperty("bench.jvm-options", "").trim();
            if (!extra.isEmpty()) {
                hub.jvmOptions(extra.split("\\s+"));
            }
            List<String> props = new ArrayList<>(List.of("hub.sandbox.departments.default-delay-seconds=0",
                    "hub.sandbox.departments.poll-interval=200ms", "quarkus.log.level=WARN"));
            props.addAll(outage.settings());
            props.addAll(db.prepareAndSettings());
            if (!db.passwordForHub().isEmpty()) {
                hub.environment("QUARKUS_DATASOURCE_POSTGRESQL_PASSWORD", db.passwordForHub())
                        .environment("STAGING_DB_PASSWORD", db.passwordForHub());
            }
            report.put("database", db.describe()).put("broker", "embedded Artemis (NIO journal, sync on)")
                    .put("hubJvmOptions", String.join(" ", hub.jvmSettings()))
                    .put("rawBrokerSendPerSecond1Producer", BenchReport.round(raw1.perSecond()));
            hub.start(props.toArray(String[]::new));
            System.out.printf("%nHub benchmark: %d declarations, %d concurrent clients, departments FGW and ZRZY, "
                    + "store on %s, hub JVM %s%n", n, clients, db.describe(), String.join(" ", hub.jvmSettings()));
            BenchTarget single = BenchTarget.of(hub);
            rounds(single, db, n, clients, runs, "all partners up" + (down == null ? "" : " (" + down + " through its fake)"),
                    r -> () -> RawLimits.brokerSends(dir.resolve("raw-broker-n-" + r),
                            Integer.getInteger("bench.raw-sends", 4000), clients), report);
            if (down != null) {
                Map<String, Object> f = round(single, n, clients, outage.downFor(Duration.ofSeconds(downSeconds)), down
                        + " answering 503 for " + downSeconds + " s from the round's first declaration");
                double[] rss = BenchReport.residentSetMb(hub.pid());
                f.put("rssMb", BenchReport.round(rss[0]));
                f.put("rssPeakMb", BenchReport.round(rss[1]));
                report.partnerDown(f);
            }
            System.out.printf("  raw embedded Artemis persistent send: %8.1f msg/s (1 producer)%n", raw1.perSecond());
        }
        finish(report, runs, target);
    }

    /**
     * A warm-up round (bench.warmup declarations, not counted: on a cold JVM the first round measured a third of the
     * third, JIT; after a warm-up of one round's worth the three measured rounds still went 127, 185 and 268
     * declarations/s, so the warm-up is three rounds' worth), then {@code runs} measured rounds, each followed by the
     * limits ({@code rawSends} of the run number).
     */
    static void rounds(BenchTarget hubs, BenchDatabase db, int n, int clients, int runs, String title,
            IntFunction<Callable<RawLimits.Rate>> rawSends, BenchReport report) throws Exception {
        int warmup = Integer.getInteger("bench.warmup", 3 * n);
        if (warmup > 0) {
            round(hubs, warmup, clients, null, "warm-up, not counted");
        }
        for (int r = 1; r <= runs; r++) {
            Map<String, Object> f = round(hubs, n, clients, null, title + (runs > 1 ? ", run " + r : ""));
            limits(hubs, db, rawSends.apply(r), clients, f);
            report.run(f);
        }
    }

    /** Writes target/bench/hub-benchmark.json and prints the medians and spreads of several rounds. */
    static void finish(BenchReport report, int runs, Path target) throws Exception {
        Path out = report.write(target.resolve("bench/hub-benchmark.json"));
        Map<String, Object> summary = report.summary();
        if (runs > 1) {
            System.out.printf(" median (min-max) over %d runs:%n", runs);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> spread = (Map<String, Map<String, Object>>) summary.get("spread");
            for (String f : BenchReport.FIGURES) {
                if (spread.containsKey(f)) {
                    System.out.printf("  %-28s %10s (%s-%s)%n", f, summary.get(f), spread.get(f).get("min"),
                            spread.get(f).get("max"));
                }
            }
        }
        System.out.println("  written to " + out + "; load average " + summary.get("loadAverageAtEnd"));
    }

    /**
     * The limits at the same concurrency, measured now that the hub is done with the round ({@code rawSends} measures
     * the broker's), and the hub's RSS (of a cluster: the largest replica's, and each one's).
     */
    static void limits(BenchTarget hubs, BenchDatabase db, Callable<RawLimits.Rate> rawSends,
            int clients, Map<String, Object> f) throws Exception {
        double[] rss = { 0, 0 };
        List<Double> each = new ArrayList<>();
        for (long pid : hubs.pids()) {
            double[] one = BenchReport.residentSetMb(pid);
            each.add(BenchReport.round(one[0]));
            rss[0] = Math.max(rss[0], one[0]);
            rss[1] = Math.max(rss[1], one[1]);
        }
        if (each.size() > 1) {
            f.put("rssMbPerReplica", each);
        }
        RawLimits.Rate commits = RawLimits.databaseCommits(db, Integer.getInteger("bench.raw-commits", 2000), clients);
        RawLimits.Rate sends = rawSends.call();
        double intake = ((Number) f.get("intakePerSecond")).doubleValue();
        double limit = Math.min(commits.perSecond(), sends.perSecond());
        f.put("rawBrokerSendPerSecond", BenchReport.round(sends.perSecond()));
        f.put("rawDatabaseCommitPerSecond", BenchReport.round(commits.perSecond()));
        f.put("rawCommitP99Ms", BenchReport.round(commits.p99Ms()));
        f.put("intakeToLimitRatio", Math.round(intake / limit * 1000) / 1000.0);
        f.put("ackP99ToRawCommitP99", BenchReport.round(((Number) f.get("ackP99Ms")).doubleValue() / commits.p99Ms()));
        f.put("rssMb", BenchReport.round(rss[0]));
        f.put("rssPeakMb", BenchReport.round(rss[1]));
        f.put("loadAverage", BenchReport.loadAverage());
        System.out.printf("  raw database single-row commit: %8.1f commits/s (%d threads), p99 %.1f ms%n",
                commits.perSecond(), clients, commits.p99Ms());
        System.out.printf("  raw Artemis persistent send:    %8.1f msg/s (%d producers)%n", sends.perSecond(), clients);
        System.out.printf("  intake / slower raw rate:       %8.3f; ack p99 / raw commit p99 %.1f%n",
                intake / limit, ((Number) f.get("ackP99ToRawCommitP99")).doubleValue());
        System.out.printf("  hub JVM resident set:           %8.0f MB (peak %.0f MB)%s%n", rss[0], rss[1],
                each.size() > 1 ? "; per replica " + each + " MB" : "");
    }

    /** One measured round; {@code outage} (may be null) is running meanwhile and reports on the other department. */
    static Map<String, Object> round(BenchTarget hub, int n, int clients, PartnerOutage.Running outage,
            String title) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> acked = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        long t0EpochMs = System.currentTimeMillis();
        double[] cpu0 = cpu(hub);
        int failures = run(hub, n, clients, (id, mobile, nanos) -> {
            latencies.add(nanos);
            acked.put(id, mobile);
        });
        double ackSeconds = (System.nanoTime() - t0) / 1e9;
        double[] cpuAcked = cpu(hub);
        PartnerOutage.Other other = outage == null ? null : outage.awaitEndAndReport(hub.single(), acked.keySet());
        long deadline = System.nanoTime() + Duration.ofSeconds(600).toNanos();
        SmsWatch.awaitCount(hub, "CODE_ASSIGNED", t0EpochMs, acked.size(), deadline);
        double flowSeconds = (System.nanoTime() - t0) / 1e9 - ackSeconds;
        double[] cpuDone = cpu(hub);
        long[] lastSent = { t0EpochMs };
        int done = SmsWatch.awaitEach(hub, "CODE_ASSIGNED", acked.values(), lastSent, deadline);
        // from the first declaration to the last CODE_ASSIGNED SMS, by the sandbox provider's own send times
        double e2eSeconds = (lastSent[0] - t0EpochMs) / 1e3;
        Collections.sort(latencies);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("intakePerSecond", BenchReport.round(acked.size() / ackSeconds));
        f.put("acknowledged", acked.size());
        f.put("notAcknowledged", failures);
        f.put("ackP50Ms", BenchReport.round(pct(latencies, 50)));
        f.put("ackP99Ms", BenchReport.round(pct(latencies, 99)));
        f.put("ackP999Ms", BenchReport.round(pct(latencies, 99.9)));
        f.put("endToEndPerSecond", BenchReport.round(done / e2eSeconds));
        f.put("endToEndDone", done);
        f.put("endToEndSeconds", BenchReport.round(e2eSeconds));
        // is the machine's CPU the limit? Its busy share while the clients post, and while the flow finishes after them
        int cores = Runtime.getRuntime().availableProcessors();
        f.put("cpuBusyShareIntake", BenchReport.round((cpuAcked[0] - cpu0[0]) / (cores * ackSeconds)));
        f.put("cpuBusyShareFlow", BenchReport.round((cpuDone[0] - cpuAcked[0]) / (cores * flowSeconds)));
        f.put("machineCpuMsPerDeclaration", BenchReport.round((cpuDone[0] - cpu0[0]) * 1000 / acked.size()));
        f.put("hubCpuMsPerDeclaration", BenchReport.round((cpuDone[1] - cpu0[1]) * 1000 / acked.size()));
        // the load generator's own share of the same cores (its clients, JSON, the SMS count it waits on)
        f.put("clientCpuMsPerDeclaration", BenchReport.round((cpuDone[2] - cpu0[2]) * 1000 / acked.size()));
        System.out.printf(" %s:%n", title);
        System.out.printf("  accepted (persisted + 202):   %8.1f declarations/s%n", acked.size() / ackSeconds);
        System.out.printf("  ack latency p50 / p99 / p99.9: %7.1f / %.1f / %.1f ms%n", pct(latencies, 50),
                pct(latencies, 99), pct(latencies, 99.9));
        System.out.printf("  end to end (CODE_ASSIGNED SMS): %6.1f declarations/s (%d of %d in %.1f s)%n",
                done / e2eSeconds, done, acked.size(), e2eSeconds);
        System.out.printf("  CPU busy while posting / after:  %5.0f%% / %.0f%% of %d cores; per declaration %.0f ms "
                + "(the hub JVM %.0f ms, the benchmark's own %.0f ms)%n", (double) f.get("cpuBusyShareIntake") * 100,
                (double) f.get("cpuBusyShareFlow") * 100, cores, f.get("machineCpuMsPerDeclaration"),
                f.get("hubCpuMsPerDeclaration"), f.get("clientCpuMsPerDeclaration"));
        if (other != null) {
            double afterReturn = (lastSent[0] - outage.backAtEpochMs()) / 1e3;
            System.out.println("  " + other);
            System.out.printf("  after the return: every CODE_ASSIGNED SMS within %.1f s%n", afterReturn);
            f.put("downDepartment", other.department());
            f.put("otherDepartmentAnsweredWhileDown", other.answered());
            f.put("otherDepartmentSlowestSeconds", BenchReport.round(other.slowestSeconds()));
            f.put("lastSmsAfterReturnSeconds", BenchReport.round(afterReturn));
        }
        return f;
    }

    /** The machine's busy CPU seconds, the hub JVMs' (all replicas), and this JVM's (the clients). */
    private static double[] cpu(BenchTarget hub) {
        double jvms = 0;
        for (long pid : hub.pids()) {
            jvms += BenchReport.processCpuSeconds(pid);
        }
        return new double[] { BenchReport.machineBusySeconds(), jvms,
                BenchReport.processCpuSeconds(ProcessHandle.current().pid()) };
    }

    interface Ack {
        void acked(String id, String mobile, long nanos);
    }

    private static int run(BenchTarget hub, int n, int clients, Ack ack) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            int k = i;
            pool.execute(() -> {
                String id = Fixtures.uniqueId("B");
                String mobile = Fixtures.mobile();
                try {
                    String body = JSON.writeValueAsString(Fixtures.declaration(id, mobile, List.of("FGW", "ZRZY")));
                    long s = System.nanoTime();
                    int status = hub.post(k, "/api/v1/declarations", "window", body).statusCode();
                    long t = System.nanoTime() - s;
                    if (status == 202 && ack != null) {
                        ack.acked(id, mobile, t);
                    } else if (status != 202) {
                        failures.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        if (failures.get() > 0) {
            System.out.println("  (" + failures.get() + " declarations not acknowledged)");
        }
        return failures.get();
    }

    static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)))
                / 1e6;
    }
}
