package cn.approvalbridge.hub.platform.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key stores made for one test run by the JDK's keytool (self-signed, valid two days, under target/): nothing secret is
 * committed. Each party has a PKCS#12 key store; trust stores are assembled from their certificates.
 */
public final class TestCertificates {

    public static final String PASSWORD = "test-only-password";

    /** The hub's server certificate, and its client certificate towards partners. */
    public static final String HUB_SERVER = "CN=localhost,O=Approval Bridge test hub";
    public static final String HUB_CLIENT = "CN=approval-bridge-hub,O=Approval Bridge test hub";
    /** A partner's gateway, mapped to an identity; another trusted but mapped to none; one nobody trusts. */
    public static final String PARTNER = "CN=gateway.fgw.example.gov.cn,O=FGW test,C=CN";
    public static final String TRUSTED_STRANGER = "CN=stranger.example.gov.cn,O=Stranger test,C=CN";
    public static final String UNKNOWN = "CN=gateway.fgw.example.gov.cn,O=FGW forged,C=CN";
    /** The investment platform's server (a test HTTPS server that requires a client certificate). */
    public static final String PLATFORM_SERVER = "CN=localhost,O=Investment platform test";

    private static Path dir;

    private TestCertificates() {
    }

    public static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createDirectories(Path.of("target", "test-certificates"))
                        .resolve("run-" + ProcessHandle.current().pid());
                // the test and Quarkus may load this class in two class loaders: the stores of this run are made once
                if (Files.exists(d.resolve("done"))) {
                    dir = d;
                    return d;
                }
                Files.createDirectories(d);
                List<Process> running = new ArrayList<>();
                for (String[] k : new String[][] { { "hub-server", HUB_SERVER }, { "hub-client", HUB_CLIENT },
                        { "partner", PARTNER }, { "stranger", TRUSTED_STRANGER }, { "unknown", UNKNOWN },
                        { "platform-server", PLATFORM_SERVER } }) {
                    running.add(keytool(d.resolve(k[0] + ".p12"), k[1]));
                }
                for (Process p : running) {
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (p.waitFor() != 0) {
                        throw new IllegalStateException("keytool failed: " + out);
                    }
                }
                trustStore(d.resolve("hub-trust.p12"), d.resolve("partner.p12"), d.resolve("stranger.p12"));
                trustStore(d.resolve("hub-server-trust.p12"), d.resolve("hub-server.p12"));
                trustStore(d.resolve("platform-trust.p12"), d.resolve("hub-client.p12"));
                trustStore(d.resolve("platform-server-trust.p12"), d.resolve("platform-server.p12"));
                Files.writeString(d.resolve("done"), "");
                dir = d;
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return dir;
    }

    public static String path(String name) {
        return dir().resolve(name + ".p12").toAbsolutePath().toString();
    }

    /** A TLS context presenting {@code keyStore}'s certificate (null: none) and trusting {@code trustStore}'s. */
    public static SSLContext context(String keyStore, String trustStore) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        KeyManagerFactory keys = null;
        if (keyStore != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(Path.of(path(keyStore))), PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(Path.of(path(trustStore))));
        tls.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return tls;
    }

    /** A free port, the same for {@code name} in every class loader of this JVM (kept in a system property). */
    public static synchronized int freePort(String name) {
        String key = "test-certificates.port." + name;
        String known = System.getProperty(key);
        if (known != null) {
            return Integer.parseInt(known);
        }
        try (ServerSocket s = new ServerSocket(0)) {
            System.setProperty(key, Integer.toString(s.getLocalPort()));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Process keytool(Path store, String subject) throws IOException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        return new ProcessBuilder(keytool, "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD, "-alias", "key", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", subject, "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1")
                .redirectErrorStream(true).start();
    }

    private static void trustStore(Path target, Path... keyStores) throws IOException,
            java.security.GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (Path k : keyStores) {
            Certificate c = load(k).getCertificate("key");
            trust.setCertificateEntry(k.getFileName().toString(), c);
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            trust.store(out, PASSWORD.toCharArray());
        }
    }

    private static KeyStore load(Path store) throws IOException, java.security.GeneralSecurityException {
        KeyStore k = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            k.load(in, PASSWORD.toCharArray());
        }
        return k;
    }
}
