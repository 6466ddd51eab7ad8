package cn.approvalbridge.hub.platform.partners;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.command.ActiveMQQueue;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.HubProcess;

/**
 * Issue 14 on a real ActiveMQ Classic 5.17 broker (what Amazon MQ for ActiveMQ runs): the broker in this JVM, with an
 * AMQP 1.0 connector, persistent KahaDB and schedulerSupport, and the packaged hub (its own process) on it over Qpid JMS
 * with hub.broker.delay-by=activemq-scheduler. Department FGW (a WireMock fake) answers 503 for a while under a stream
 * of declarations to FGW and ZRZY: the re-sends wait in the broker's scheduler (seen there, and FGW's queue gets a
 * bounded number of copies, not a redelivery loop), nothing is dead-lettered, FGW takes each request exactly once when
 * it returns, ZRZY is not held up. A second check shows what the JMS 2.0 delivery delay (delay-by=jms) does on this
 * broker through the hub's own client library.
 */
class ActiveMqClassicIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DECLARATIONS = 12;
    private static final String FGW_QUEUE = "hub.department.requests.FGW";

    private static BrokerService broker;
    private static String amqpUrl;

    @BeforeAll
    static void startBroker() throws Exception {
        Path dir = Path.of("target", "activemq-classic-" + System.currentTimeMillis()).toAbsolutePath();
        broker = new BrokerService();
        broker.setBrokerName("hub-it");
        broker.setDataDirectoryFile(dir.toFile());
        KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
        kahaDb.setDirectory(dir.resolve("kahadb").toFile());
        broker.setPersistenceAdapter(kahaDb);
        broker.setSchedulerSupport(true);
        broker.setSchedulerDirectoryFile(dir.resolve("scheduler").toFile());
        broker.setUseJmx(false);
        TransportConnector amqp = broker.addConnector("amqp://127.0.0.1:0");
        broker.start();
        broker.waitUntilStarted();
        int port = ((InetSocketAddress) amqp.getServer().getSocketAddress()).getPort();
        amqpUrl = "amqp://127.0.0.1:" + port;
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.stop();
            broker.waitUntilStopped();
        }
    }

    @Test
    void aDepartmentDownWaitsInTheActiveMqSchedulerAndGetsEverythingOnce() throws Exception {
        WireMockServer fake = new WireMockServer(options().dynamicPort());
        fake.start();
        try (HubProcess hub = new HubProcess(Path.of("target", "activemq-hub-" + System.currentTimeMillis()))) {
            fake.stubFor(post(urlPathEqualTo("/fgw")).atPriority(1).willReturn(aResponse().withStatus(503)));
            fake.stubFor(post(urlPathEqualTo("/zrzy")).willReturn(aResponse().withStatus(202)));
            String base = "http://localhost:" + fake.port();
            hub.start("hub.broker.kind=amqp", "hub.broker.url=" + amqpUrl, "hub.broker.delay-by=activemq-scheduler",
                    "hub.departments.FGW.url=" + base + "/fgw", "hub.departments.ZRZY.url=" + base + "/zrzy",
                    "hub.partners.retry.first-delay=2s", "hub.partners.retry.max-delay=10s",
                    "hub.partners.breaker.open-max-delay=8s", "hub.partners.breaker.cool-down=5s",
                    "hub.partners.alert.after=1h", "hub.redelivery.maximum-redeliveries=0");
            Map<String, Long> sentAt = declare(hub);
            // the outage is counted from FGW's first refusal (on a loaded machine the first request can take a while)
            long until0 = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < until0 && fake.getAllServeEvents().stream().noneMatch(
                    e -> e.getRequest().getUrl().startsWith("/fgw"))) {
                Thread.sleep(200);
            }
            long outageStart = System.currentTimeMillis();
            // while FGW is down its messages are jobs of the broker's scheduler, not in a queue being redelivered
            int mostScheduled = 0;
            while (System.currentTimeMillis() - outageStart < 40_000) {
                mostScheduled = Math.max(mostScheduled, scheduledJobs());
                Thread.sleep(500);
            }
            long copies = enqueued(FGW_QUEUE);
            int refused = (int) fake.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 503).count();
            System.out.printf("ActiveMqClassicIT: FGW down 40 s: at most %d scheduled at once, %d copies on %s, "
                    + "%d requests refused, for %d declarations%n", mostScheduled, copies, FGW_QUEUE, refused, DECLARATIONS);
            assertTrue(mostScheduled >= DECLARATIONS / 3, "few waiting in the scheduler: " + mostScheduled);
            // back-off 2, 4, 8, 8… s: about 6 copies of each in 40 s; a broker that ignored the delay loops thousands
            assertTrue(copies >= 2L * DECLARATIONS && copies <= 12L * DECLARATIONS, "copies on the FGW queue: " + copies);
            assertTrue(refused <= 6 * DECLARATIONS, "FGW called " + refused + " times while down");

            fake.stubFor(post(urlPathEqualTo("/fgw")).atPriority(1).willReturn(aResponse().withStatus(202)));
            long until = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < until && !taken(fake, "/fgw").keySet().containsAll(sentAt.keySet())) {
                Thread.sleep(500);
            }
            Thread.sleep(5000); // let anything sent twice arrive before it is counted

            Map<String, List<ServeEvent>> fgw = taken(fake, "/fgw");
            Map<String, List<ServeEvent>> zrzy = taken(fake, "/zrzy");
            long worst = 0;
            for (String id : sentAt.keySet()) {
                assertEquals(1, fgw.getOrDefault(id, List.of()).size(), "FGW took " + id);
                assertEquals(1, zrzy.getOrDefault(id, List.of()).size(), "ZRZY took " + id);
                worst = Math.max(worst, zrzy.get(id).get(0).getRequest().getLoggedDate().getTime() - sentAt.get(id));
            }
            System.out.printf("ActiveMqClassicIT: ZRZY's slowest request %d ms after its declaration%n", worst);
            // FGW was down 40 s: a ZRZY request held up behind FGW's would take that long (10 s: this machine is shared)
            assertTrue(worst < 10_000, "ZRZY held up by FGW's outage: " + worst + " ms");
            assertTrue(hub.get("/api/v1/dead-letters", "operator").body().contains("\"total\":0"), "no dead letter");
            assertEquals(0, scheduledJobs(), "nothing left in the scheduler");
            assertEquals(0, broker.getDestination(new ActiveMQQueue(FGW_QUEUE)).getDestinationStatistics()
                    .getMessages().getCount(), "nothing left on FGW's queue");
        } finally {
            fake.stop();
        }
    }

    /**
     * hub.broker.delay-by=jms on ActiveMQ 5.17: its AMQP connector offers DELAYED_DELIVERY, so Qpid JMS (the hub's
     * client, same version) sends a delivery delay rather than refusing it, and the broker turns it into a scheduled
     * delay (x-opt-delivery-time → AMQ_SCHEDULED_DELAY): the message is held, not delivered at once.
     */
    @Test
    void theJmsDeliveryDelayIsHeldByTheActiveMqSchedulerToo() throws Exception {
        try (Connection c = new JmsConnectionFactory(amqpUrl).createConnection()) {
            c.start();
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue("hub.it.delay-probe"));
            p.setDeliveryDelay(3000);
            long sent = System.currentTimeMillis();
            p.send(s.createTextMessage("held"));
            s.commit();
            MessageConsumer consumer = s.createConsumer(s.createQueue("hub.it.delay-probe"));
            assertNull(consumer.receive(1500), "delivered at once: the delivery delay was ignored");
            var m = consumer.receive(10_000);
            assertNotNull(m, "never delivered");
            s.commit();
            long held = System.currentTimeMillis() - sent;
            assertTrue(held >= 2500, "held only " + held + " ms");
            assertEquals("held", m.getBody(String.class));
        }
    }

    private static int scheduledJobs() throws Exception {
        return broker.getJobSchedulerStore().getJobScheduler("JMS").getAllJobs().size();
    }

    private static long enqueued(String queue) throws Exception {
        return broker.getDestination(new ActiveMQQueue(queue)).getDestinationStatistics().getEnqueues().getCount();
    }

    /** A declaration to FGW and ZRZY every 0.5 s: declarationId → when the hub acknowledged it (ms). */
    private static Map<String, Long> declare(HubProcess hub) throws Exception {
        Map<String, Long> sentAt = new HashMap<>();
        for (int i = 0; i < DECLARATIONS; i++) {
            String id = Fixtures.uniqueId("Q");
            String body = JSON.writeValueAsString(Fixtures.declaration(id, Fixtures.mobile(), List.of("FGW", "ZRZY")));
            assertEquals(202, hub.post("/api/v1/declarations", "window", body).statusCode());
            sentAt.put(id, System.currentTimeMillis());
            Thread.sleep(500);
        }
        return sentAt;
    }

    /** The requests the fake answered 2xx at {@code path}, per declarationId. */
    private static Map<String, List<ServeEvent>> taken(WireMockServer fake, String path) throws Exception {
        Map<String, List<ServeEvent>> out = new HashMap<>();
        for (ServeEvent e : new ArrayList<>(fake.getAllServeEvents())) {
            if (e.getRequest().getUrl().startsWith(path) && e.getResponse().getStatus() / 100 == 2) {
                String id = JSON.readTree(e.getRequest().getBodyAsString()).path("declarationId").asText();
                out.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
            }
        }
        return out;
    }
}
