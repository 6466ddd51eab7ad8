package cn.approvalbridge.hub.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A partner system authenticating with a client certificate over the hub's own HTTPS port: a certificate trusted and
 * mapped to an identity gets in with that identity's role, without a password; one the hub does not trust, or one it
 * trusts but maps to no identity, is refused; without a certificate HTTP Basic still works.
 */
@QuarkusTest
@TestProfile(MutualTlsProfile.class)
class MutualTlsTest {

    private static final String OPERATOR_ONLY = "/api/v1/dead-letters?limit=1";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** This run's client address (X-Forwarded-For): the failed logins it counts are its own. */
    private static final String CLIENT = "2001:db8:7::" + UUID.randomUUID().toString().substring(0, 4);

    @Test
    void mappedCertificateLogsInAsItsIdentity() throws Exception {
        HttpResponse<String> r = get("partner", null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"items\""), r.body());
    }

    @Test
    void certificateTheHubDoesNotTrustIsRefused() throws Exception {
        // same subject as the mapped partner, but self-signed by someone else: the handshake or the login fails
        try {
            HttpResponse<String> r = get("unknown", null);
            assertEquals(401, r.statusCode(), r.body());
        } catch (IOException refused) {
            // javax.net.ssl.SSLHandshakeException, or the connection closed by the hub's bad_certificate alert
        }
    }

    @Test
    void trustedCertificateOfNoIdentityIsRefused() throws Exception {
        assertEquals(401, get("stranger", null).statusCode());
    }

    @Test
    void withoutCertificateBasicStillWorksAndNothingIsNot() throws Exception {
        assertEquals(200, get(null, "operator:sandbox").statusCode());
        assertEquals(401, get(null, "operator:wrong").statusCode());
        assertEquals(401, get(null, null).statusCode());
    }

    @Test
    void aCertificateDoesNotGrantAnotherRole() throws Exception {
        // the mapped identity is an operator: declaring, the window's door, stays closed to it
        assertEquals(403, send("partner", null, "/api/v1/declarations", "{}").statusCode());
    }

    @Test
    void refusedCertificatesAreFailedLoginsLimitedLikePasswords() throws Exception {
        String attacker = "2001:db8:8::" + UUID.randomUUID().toString().substring(0, 4);
        for (int i = 1; i <= 10; i++) {
            assertEquals(401, send("stranger", null, OPERATOR_ONLY, null, attacker).statusCode(), "attempt " + i);
        }
        HttpResponse<String> limited = send("stranger", null, OPERATOR_ONLY, null, attacker);
        assertEquals(429, limited.statusCode());
        long wait = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(wait >= 1 && wait <= 60, "Retry-After " + wait);
        // a wrong password from the same address is limited by the same count
        assertEquals(429, send(null, "operator:wrong", OPERATOR_ONLY, null, attacker).statusCode());
        // the partner's own certificate, and the right password, still pass from there
        assertEquals(200, send("partner", null, OPERATOR_ONLY, null, attacker).statusCode());
        assertEquals(200, send(null, "operator:sandbox", OPERATOR_ONLY, null, attacker).statusCode());
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("hub_logins_failed_total{door=\"certificate\""), "counted in metrics");
        assertTrue(metrics.contains("hub_logins_limited_total{door=\"certificate\""), "limited in metrics");
    }

    private static HttpResponse<String> get(String keyStore, String basic) throws Exception {
        return send(keyStore, basic, OPERATOR_ONLY, null);
    }

    private static HttpResponse<String> send(String keyStore, String basic, String path, String json) throws Exception {
        return send(keyStore, basic, path, json, CLIENT);
    }

    /** GET {@code path}, or POST {@code json} when given, from {@code client} (X-Forwarded-For). */
    private static HttpResponse<String> send(String keyStore, String basic, String path, String json, String from)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TestCertificates.context(keyStore, "hub-server-trust"))
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("https://localhost:" + MutualTlsProfile.HTTPS_PORT + path)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", from);
        if (basic != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        if (json != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
