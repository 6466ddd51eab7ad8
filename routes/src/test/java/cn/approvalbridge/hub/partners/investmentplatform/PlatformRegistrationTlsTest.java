package cn.approvalbridge.hub.partners.investmentplatform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import jakarta.inject.Inject;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.security.MutualTlsProfile;
import cn.approvalbridge.hub.platform.security.TestCertificates;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The investment platform as a partner that requires a client certificate (a test HTTPS server with needClientAuth):
 * the hub presents its own for that partner, and registers a project once even when copies of the registration
 * message are consumed while the first call is still in flight (claim before send).
 */
@QuarkusTest
@TestProfile(MutualTlsProfile.class)
class PlatformRegistrationTlsTest {

    record Call(String subject, String requestId, String body) {
    }

    static HttpsServer platform;
    static final List<Call> calls = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch firstCall = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(0);

    @Inject
    ProducerTemplate producer;

    @BeforeAll
    static void startPlatform() throws Exception {
        SSLContext tls = TestCertificates.context("platform-server", "platform-trust");
        platform = HttpsServer.create(new InetSocketAddress("127.0.0.1", MutualTlsProfile.PLATFORM_PORT), 16);
        platform.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = tls.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        platform.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        platform.createContext("/projects", exchange -> {
            String subject = ((HttpsExchange) exchange).getSSLSession().getPeerPrincipal().getName();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(subject, exchange.getRequestHeaders().getFirst("X-Request-Id"), body));
            firstCall.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] ok = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        platform.start();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.stop(0);
        }
    }

    @Test
    void hubPresentsItsClientCertificateAndRegistersOnceUnderConcurrentCopies() throws Exception {
        firstCall = new CountDownLatch(1);
        release = new CountDownLatch(1);
        String mobile = Fixtures.mobile();
        String id = given().auth().preemptive().basic("window", "sandbox").contentType(ContentType.JSON)
                .body(Fixtures.declaration(Fixtures.uniqueId("TLS"), mobile, List.of("FGW")))
                .post("/api/v1/declarations").then().statusCode(202).extract().path("declarationId");

        // the platform holds the first call open; meanwhile two more copies of the registration are consumed
        assertTrue(firstCall.await(60, TimeUnit.SECONDS), "the platform was never called");
        String copy = "{\"declarationId\":\"" + id + "\"}";
        producer.sendBody(Queues.jms(Queues.INVESTMENT_PLATFORM), copy);
        producer.sendBody(Queues.jms(Queues.INVESTMENT_PLATFORM), copy);
        Thread.sleep(3000);
        release.countDown();

        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().preemptive().basic("window", "sandbox")
                .get("/api/v1/declarations/" + id).then().extract().path("platformRegisteredAt") != null
                || registrationsOf(id).size() > 1);
        // the copies come back from the broker (retried later) and find the registration made: still one call
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30))
                .until(() -> registrationsOf(id).size() == 1);
        Call call = registrationsOf(id).get(0);
        assertEquals(new javax.security.auth.x500.X500Principal(TestCertificates.HUB_CLIENT),
                new javax.security.auth.x500.X500Principal(call.subject()));
        assertEquals("PROJECT_REGISTRATION:" + id, call.requestId());
        // and the unit hears of its code once
        await().atMost(Duration.ofSeconds(30)).until(() -> sms(mobile).size() == 1);
        await().during(Duration.ofSeconds(3)).until(() -> sms(mobile).size() == 1);
    }

    private static List<Call> registrationsOf(String id) {
        return calls.stream().filter(c -> c.requestId() != null && c.requestId().endsWith(":" + id)).toList();
    }

    private static List<Object> sms(String mobile) {
        return given().queryParam("mobile", mobile).get("/sandbox/sms").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    static {
        // the JDK's HTTPS server logs each handshake failure at length; nothing here needs it
        java.util.logging.Logger.getLogger("com.sun.net.httpserver").setLevel(java.util.logging.Level.OFF);
    }
}
