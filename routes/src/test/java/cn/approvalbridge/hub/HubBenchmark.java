package cn.approvalbridge.hub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Benchmark (not a test): `./mvnw -B -pl routes -Pbench verify` (after package). Against the packaged hub in a child
 * JVM: declarations per second accepted (persisted and acknowledged) and end to end (to the CODE_ASSIGNED SMS), p50/p99
 * acknowledgement latency; beside the raw persistent send rate of an embedded Artemis configured like the hub's
 * (NIO journal, sync on commit), measured in the same run on the same disk.
 * Properties: bench.declarations (default 400), bench.clients (8); bench.down=FGW (or ZRZY) adds a second round with
 * that department answering 503 for bench.down-seconds (60) from the round's first declaration (see PartnerOutage).
 */
public final class HubBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.declarations", 400);
        int clients = Integer.getInteger("bench.clients", 8);
        String down = System.getProperty("bench.down"); // a department (FGW, ZRZY) down during a second round
        int downSeconds = Integer.getInteger("bench.down-seconds", 60);
        // exec:java runs in Maven's JVM, whose working directory is wherever ./mvnw was started: use the module's target
        Path dir = Path.of(System.getProperty("hub.bench.dir", "target"), "bench-" + System.currentTimeMillis())
                .toAbsolutePath();

        double raw1 = rawBrokerSendRate(dir.resolve("raw-broker-1"), 2000, 1);
        double rawN = rawBrokerSendRate(dir.resolve("raw-broker-n"), 4000, clients);

        try (HubProcess hub = new HubProcess(dir.resolve("hub")); PartnerOutage outage = new PartnerOutage(down, hub)) {
            List<String> props = new ArrayList<>(List.of("hub.sandbox.departments.default-delay-seconds=0",
                    "hub.sandbox.departments.poll-interval=200ms", "quarkus.log.level=WARN"));
            props.addAll(outage.settings());
            hub.start(props.toArray(String[]::new));
            run(hub, 40, clients, null); // warm-up
            System.out.printf("%nHub benchmark: %d declarations, %d concurrent clients, 2 departments each (FGW, ZRZY)%n",
                    n, clients);
            round(hub, n, clients, null, "all partners up" + (down == null ? "" : " (" + down + " through its fake)"));
            if (down != null) {
                round(hub, n, clients, outage.downFor(Duration.ofSeconds(downSeconds)), down + " answering 503 for "
                        + downSeconds + " s from the round's first declaration");
            }
            System.out.printf("  raw embedded Artemis persistent send: %8.1f msg/s (1 producer), %.1f msg/s (%d producers)%n",
                    raw1, rawN, clients);
        }
    }

    /** One measured round; {@code outage} (may be null) is running meanwhile and reports on the other department. */
    private static void round(HubProcess hub, int n, int clients, PartnerOutage.Running outage, String title)
            throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> acked = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        long t0EpochMs = System.currentTimeMillis();
        run(hub, n, clients, (id, mobile, nanos) -> {
            latencies.add(nanos);
            acked.put(id, mobile);
        });
        double ackSeconds = (System.nanoTime() - t0) / 1e9;
        String other = outage == null ? null : outage.awaitEndAndReport(hub, acked.keySet());
        long deadline = System.nanoTime() + Duration.ofSeconds(600).toNanos();
        int done = 0;
        java.util.Set<String> pending = new java.util.HashSet<>(acked.values());
        long[] lastSent = { t0EpochMs };
        while (System.nanoTime() < deadline) {
            done = smsDone(hub, pending, acked.size(), lastSent);
            if (done >= acked.size()) {
                break;
            }
            Thread.sleep(2000);
        }
        // from the first declaration to the last CODE_ASSIGNED SMS, by the sandbox provider's own send times
        double e2eSeconds = (lastSent[0] - t0EpochMs) / 1e3;
        Collections.sort(latencies);
        System.out.printf(" %s:%n", title);
        System.out.printf("  accepted (persisted + 202):   %8.1f declarations/s%n", acked.size() / ackSeconds);
        System.out.printf("  ack latency p50 / p99:        %8.1f / %.1f ms%n", pct(latencies, 50), pct(latencies, 99));
        System.out.printf("  end to end (CODE_ASSIGNED SMS): %6.1f declarations/s (%d of %d in %.1f s)%n",
                done / e2eSeconds, done, acked.size(), e2eSeconds);
        if (other != null) {
            System.out.println("  " + other);
            System.out.printf("  after the return: every CODE_ASSIGNED SMS within %.1f s%n",
                    (lastSent[0] - outage.backAtEpochMs()) / 1e3);
        }
    }

    interface Ack {
        void acked(String id, String mobile, long nanos);
    }

    private static void run(HubProcess hub, int n, int clients, Ack ack) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            pool.execute(() -> {
                String id = Fixtures.uniqueId("B");
                String mobile = Fixtures.mobile();
                try {
                    String body = JSON.writeValueAsString(Fixtures.declaration(id, mobile, List.of("FGW", "ZRZY")));
                    long s = System.nanoTime();
                    int status = hub.post("/api/v1/declarations", "window", body).statusCode();
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
    }

    /** Checks the still-pending mobiles one by one; returns how many are done and records the newest SMS time. */
    private static int smsDone(HubProcess hub, java.util.Set<String> pending, int total, long[] lastSentEpochMs)
            throws Exception {
        for (java.util.Iterator<String> it = pending.iterator(); it.hasNext();) {
            String mobile = it.next();
            for (JsonNode m : JSON.readTree(hub.get("/sandbox/sms?mobile=" + mobile, null).body())) {
                if ("CODE_ASSIGNED".equals(m.path("event").asText())) {
                    it.remove();
                    long at = java.time.OffsetDateTime.parse(m.path("sentAt").asText()).toInstant().toEpochMilli();
                    lastSentEpochMs[0] = Math.max(lastSentEpochMs[0], at);
                    break;
                }
            }
        }
        return total - pending.size();
    }

    private static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    /** Persistent sends (each one synced to the journal before it returns) to an embedded broker set up like the hub's. */
    static double rawBrokerSendRate(Path dir, int messages, int producers) throws Exception {
        ConfigurationImpl cfg = new ConfigurationImpl();
        cfg.setPersistenceEnabled(true);
        cfg.setSecurityEnabled(false);
        cfg.setJMXManagementEnabled(false);
        cfg.setJournalType(JournalType.NIO);
        cfg.setJournalDirectory(dir.resolve("journal").toString());
        cfg.setBindingsDirectory(dir.resolve("bindings").toString());
        cfg.setPagingDirectory(dir.resolve("paging").toString());
        cfg.setLargeMessagesDirectory(dir.resolve("large").toString());
        cfg.setJournalSyncTransactional(true);
        cfg.setJournalSyncNonTransactional(true);
        cfg.addAcceptorConfiguration("in-vm", "vm://7");
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(cfg);
        broker.start();
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("vm://7")) {
            ExecutorService pool = Executors.newFixedThreadPool(producers);
            long t0 = System.nanoTime();
            for (int p = 0; p < producers; p++) {
                pool.execute(() -> {
                    try (Connection c = cf.createConnection()) {
                        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        MessageProducer prod = s.createProducer(s.createQueue("bench.raw"));
                        prod.setDeliveryMode(DeliveryMode.PERSISTENT);
                        for (int i = 0; i < messages / producers; i++) {
                            prod.send(s.createTextMessage("{\"declarationId\":\"B-" + i + "\"}"));
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.MINUTES);
            return messages / ((System.nanoTime() - t0) / 1e9);
        } finally {
            broker.stop();
        }
    }
}
