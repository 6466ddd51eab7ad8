package cn.approvalbridge.hub;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * For HubBenchmark: the durable-write limits the hub's intake is measured against, at the benchmark's concurrency.
 * <ul>
 * <li>The broker: persistent sends (each synced to the journal before it returns) to an embedded Artemis in the
 * benchmark's JVM set up like the hub's (NIO journal, sync on), its journal on the same disk as the hub's. The hub's
 * own embedded broker has only an in-VM acceptor, so it cannot be reached from outside its process.</li>
 * <li>The database: single-row INSERT + COMMIT, one connection per thread, into a scratch table on the very server
 * the hub's store is on (its embedded PostgreSQL, or the configured one), dropped afterwards.</li>
 * </ul>
 */
final class RawLimits {

    /** A rate and the latency of its single operations. */
    record Rate(double perSecond, double p99Ms) {
    }

    private RawLimits() {
    }

    static Rate brokerSends(Path dir, int messages, int producers) throws Exception {
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
            return sends(cf, messages, producers);
        } finally {
            broker.stop();
        }
    }

    /** The same sends to a running broker: the local cluster's standalone Artemis, through its acceptor. */
    static Rate brokerSendsTo(String url, String user, String password, int messages, int producers) throws Exception {
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url, user, password)) {
            return sends(cf, messages, producers);
        }
    }

    private static Rate sends(ActiveMQConnectionFactory cf, int messages, int producers) throws Exception {
        return concurrently(producers, messages / producers, () -> {
            jakarta.jms.Connection c = cf.createConnection();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer prod = s.createProducer(s.createQueue("bench.raw"));
            prod.setDeliveryMode(DeliveryMode.PERSISTENT);
            AtomicLong i = new AtomicLong();
            return new Op() {
                @Override
                public void once() throws Exception {
                    prod.send(s.createTextMessage("{\"declarationId\":\"B-" + i.incrementAndGet() + "\"}"));
                }

                @Override
                public void close() throws Exception {
                    c.close();
                }
            };
        });
    }

    static Rate databaseCommits(BenchDatabase db, int commits, int threads) throws Exception {
        String table = "public.hub_bench_raw_commit_" + ProcessHandle.current().pid();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, declaration_id VARCHAR(64) NOT NULL, "
                    + "payload VARCHAR(400) NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now())");
        }
        AtomicLong ids = new AtomicLong();
        String payload = "{\"projectName\":\"benchmark\",\"departments\":[\"FGW\",\"ZRZY\"]," + "x".repeat(200) + "}";
        try {
            return concurrently(threads, commits / threads, () -> {
                Connection c = db.connect();
                c.setAutoCommit(false);
                PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO " + table + " (id, declaration_id, payload) VALUES (?, ?, ?)");
                return new Op() {
                    @Override
                    public void once() throws Exception {
                        long id = ids.incrementAndGet();
                        ins.setLong(1, id);
                        ins.setString(2, "B-" + id);
                        ins.setString(3, payload);
                        ins.executeUpdate();
                        c.commit();
                    }

                    @Override
                    public void close() throws Exception {
                        c.close();
                    }
                };
            });
        } finally {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    interface Op extends AutoCloseable {
        void once() throws Exception;
    }

    interface OpFactory {
        Op open() throws Exception;
    }

    /** {@code threads} workers, each opening its own resources first, then timing {@code each} operations. */
    private static Rate concurrently(int threads, int each, OpFactory factory) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Op> ops = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                ops.add(factory.open());
            }
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> running = new ArrayList<>();
            long t0 = System.nanoTime();
            for (Op op : ops) {
                running.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        long s = System.nanoTime();
                        op.once();
                        latencies.add(System.nanoTime() - s);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Collections.sort(latencies);
            return new Rate(latencies.size() / seconds, HubBenchmark.pct(latencies, 99.0));
        } finally {
            pool.shutdownNow();
            for (Op op : ops) {
                op.close();
            }
        }
    }
}
