package cn.approvalbridge.hub;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import cn.approvalbridge.hub.cluster.LocalCluster;

/**
 * HubBenchmark's rounds against the production topology on one machine ({@code -Dbench.replicas=2}): the two hub
 * replicas of infra/local/cluster.sh (each -Xmx512m, cluster.sh's default) on the machine's PostgreSQL
 * (schemas hubbench and hubbench_staging, dropped first and afterwards) and the standalone Artemis broker. The
 * declarations go to the replicas in turn, as a load balancer would send them. The limits are taken on the same
 * servers: single-row commits to that PostgreSQL, persistent sends to that broker through its acceptor.
 */
final class ClusterBenchmark {

    private ClusterBenchmark() {
    }

    static void run(int n, int clients, int runs) throws Exception {
        Path target = Path.of(System.getProperty("hub.bench.dir", "target")).toAbsolutePath();
        Path dir = target.resolve("bench-" + System.currentTimeMillis());
        BenchDatabase db = new BenchDatabase("postgresql", null);
        db.prepareAndSettings(); // empties the benchmark's schemas; the replicas get theirs from cluster.sh
        LocalCluster cluster = new LocalCluster("-Xmx512m", dir.resolve("cluster"), BenchDatabase.SCHEMA,
                "hub.sandbox.departments.default-delay-seconds=0", "hub.sandbox.departments.poll-interval=200ms",
                "quarkus.log.level=WARN",
                "result-notification.quiet-hours.start=00:00", "result-notification.quiet-hours.end=00:00");
        BenchReport report = new BenchReport().put("clients", clients).put("declarations", n).put("runCount", runs)
                .put("replicas", 2).put("startedAt", Instant.now().toString())
                .put("cores", Runtime.getRuntime().availableProcessors()).put("loadAverageAtStart", BenchReport.loadAverage())
                .put("database", "PostgreSQL at 127.0.0.1:5432/test (schema " + BenchDatabase.SCHEMA + "), shared")
                .put("broker", "standalone Artemis of infra/local/cluster.sh (NIO journal, sync on), shared")
                .put("hubJvmOptions", "-Xmx512m per replica");
        try {
            List<LocalCluster.Replica> replicas = cluster.up();
            BenchTarget hubs = replicas(replicas);
            System.out.printf("%nHub benchmark: %d declarations, %d concurrent clients, departments FGW and ZRZY, "
                    + "2 replicas (ports %d and %d) on the local cluster's PostgreSQL and broker%n", n, clients,
                    replicas.get(0).port(), replicas.get(1).port());
            String password = cluster.brokerPassword();
            HubBenchmark.rounds(hubs, db, n, clients, runs, "2 replicas, all partners up",
                    r -> () -> RawLimits.brokerSendsTo(cluster.brokerUrl(), "hub", password,
                            Integer.getInteger("bench.raw-sends", 4000), clients), report);
        } finally {
            cluster.down();
            cluster.dropSchemas();
        }
        HubBenchmark.finish(report, runs, target);
    }

    private static BenchTarget replicas(List<LocalCluster.Replica> replicas) {
        return new BenchTarget() {
            @Override
            public HttpResponse<String> post(int i, String path, String user, String json)
                    throws IOException, InterruptedException {
                return replicas.get(i % replicas.size()).post(path, user, json);
            }

            @Override
            public HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
                return replicas.get(0).get(path, user);
            }

            @Override
            public List<Long> pids() {
                return replicas.stream().map(LocalCluster.Replica::pid).toList();
            }

            @Override
            public HubProcess single() {
                return null;
            }
        };
    }
}
