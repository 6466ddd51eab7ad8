package cn.approvalbridge.hub.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.HubProcess;

/**
 * The packaged hub under `cloud`, its real configuration path: PostgreSQL (the machine's, schemas of its own), an
 * Artemis broker over TCP, every %cloud variable set, and partner identities hashed with the documented command
 * (issue 12). A partner logs in; the sandbox does not exist.
 */
class CloudLoginIT {

    private static final String SCHEMA = "cloud_login_it";
    private static final String PASSWORD = "Tr0ub4dor&3 of the window";

    @Test
    void aPartnerMadeWithTheDocumentedCommandLogsInUnderCloud() throws Exception {
        resetSchemas();
        int brokerPort;
        try (ServerSocket s = new ServerSocket(0)) {
            brokerPort = s.getLocalPort();
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + brokerPort));
        broker.start();
        try (HubProcess hub = new HubProcess(Path.of("target", "cloud-login-it"))) {
            hub.start(cloudProperties(brokerPort));
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(200, status(http, hub.base() + "/api/v1/dead-letters", "operator", PASSWORD));
            assertEquals(401, status(http, hub.base() + "/api/v1/dead-letters", "operator", "sandbox"));
            assertEquals(403, status(http, hub.base() + "/api/v1/dead-letters", "window", PASSWORD));
            // no sandbox under cloud
            assertEquals(404, status(http, hub.base() + "/sandbox/sms?mobile=13800138000", null, null));
        } finally {
            broker.stop();
        }
    }

    private static int status(HttpClient http, String url, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void resetSchemas() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                var st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + "_staging CASCADE");
        }
    }

    /** Every variable the %cloud profile needs (as the infra checks find them), as system properties. */
    private static String[] cloudProperties(int brokerPort) throws Exception {
        String hash = DoorsProfile.htpasswd(PASSWORD);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("quarkus.profile", "cloud");
        values.put("quarkus.flyway.postgresql.schemas", SCHEMA);
        values.put("quarkus.flyway.staging-postgresql.schemas", SCHEMA + "_staging");
        values.put("DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA);
        values.put("DB_USERNAME", "postgres");
        values.put("DB_PASSWORD", "trust");
        values.put("STAGING_DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA + "_staging");
        values.put("STAGING_DB_USERNAME", "postgres");
        values.put("STAGING_DB_PASSWORD", "trust");
        values.put("BROKER_KIND", "artemis");
        values.put("BROKER_URL", "tcp://127.0.0.1:" + brokerPort);
        values.put("BROKER_USERNAME", "hub");
        values.put("BROKER_PASSWORD", "unused");
        values.put("FUNCTIONS_MODE", "http");
        values.put("DEPARTMENT_CODES", "FGW,ZRZY,STHJ,ZJ");
        values.put("HUB_TRUSTED_PROXIES", "127.0.0.1");
        // a host name (the start-up check refuses the underscores of the generated placeholder URLs)
        values.put("STATUS_PAGE_BASE_URL", "https://hub.cloud-login-it.invalid");
        values.put("UTILITY_HEAT_SFTP_PORT", "22");
        values.put("UTILITY_HEAT_SFTP_KNOWN_HOSTS", "/dev/null");
        for (String name : requiredVariables()) {
            values.putIfAbsent(name, name.endsWith("_HASH") ? hash
                    : name.endsWith("_MOBILE") ? "13700000099"
                    : name.endsWith("_URL") || name.endsWith("_FUNCTION") ? "https://" + name.toLowerCase() + ".invalid"
                    : name.equals("STATUS_PAGE_KEY") ? "cloud-login-it-" + System.nanoTime() : "cloud-login-it");
        }
        List<String> props = new ArrayList<>();
        values.forEach((k, v) -> props.add(k + "=" + v));
        return props.toArray(String[]::new);
    }

    private static TreeSet<String> requiredVariables() throws Exception {
        Pattern variable = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
        TreeSet<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("src/main/resources/application.properties"))) {
            if (line.startsWith("%cloud.")) {
                Matcher m = variable.matcher(line);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }
}
