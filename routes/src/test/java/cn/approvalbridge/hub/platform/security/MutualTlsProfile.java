package cn.approvalbridge.hub.platform.security;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The hub terminating TLS itself with test certificates (TestCertificates): a partner identity mapped to a client
 * certificate subject, and the investment platform reached over HTTPS with the hub's client certificate, at a test
 * server of the test class.
 */
public class MutualTlsProfile implements QuarkusTestProfile {

    public static final int HTTPS_PORT = TestCertificates.freePort("hub-https");
    public static final int PLATFORM_PORT = TestCertificates.freePort("platform");
    public static final String CERT_PARTNER = "partner-cert";

    @Override
    public Map<String, String> getConfigOverrides() {
        String pw = TestCertificates.PASSWORD;
        Map<String, String> c = new HashMap<>();
        c.put("quarkus.tls.key-store.p12.path", TestCertificates.path("hub-server"));
        c.put("quarkus.tls.key-store.p12.password", pw);
        c.put("quarkus.tls.trust-store.p12.path", TestCertificates.path("hub-trust"));
        c.put("quarkus.tls.trust-store.p12.password", pw);
        c.put("quarkus.http.test-ssl-port", Integer.toString(HTTPS_PORT));
        // the test names its client address (X-Forwarded-For from this trusted proxy), so that the failures it counts
        // do not limit 127.0.0.1 for the test classes after it (the counts are in the shared store)
        c.put("quarkus.http.proxy.proxy-address-forwarding", "true");
        c.put("quarkus.http.proxy.allow-x-forwarded", "true");
        c.put("quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1");
        c.put("hub.identities." + CERT_PARTNER + ".roles", "operator");
        // the configured form may differ in spacing from the certificate's: names are compared as X.500 names
        c.put("hub.identities." + CERT_PARTNER + ".certificate-subject", TestCertificates.PARTNER.replace(",", ", "));
        c.put("hub.investment-platform.url", "https://localhost:" + PLATFORM_PORT + "/projects");
        c.put("hub.partners.investment-platform.key-store", TestCertificates.path("hub-client"));
        c.put("hub.partners.investment-platform.key-store-password", pw);
        c.put("hub.partners.investment-platform.trust-store", TestCertificates.path("platform-server-trust"));
        c.put("hub.partners.investment-platform.trust-store-password", pw);
        return c;
    }
}
