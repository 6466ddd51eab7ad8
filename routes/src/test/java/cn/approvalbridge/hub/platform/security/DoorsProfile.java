package cn.approvalbridge.hub.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import cn.approvalbridge.support.Db;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Its own application (the tests' trusted proxy lets them choose client addresses), listening on every
 * interface so a test can connect from 127.0.0.2, an address that is not a trusted proxy, and with an identity whose
 * hash is made by the command the README documents.
 */
public class DoorsProfile implements QuarkusTestProfile {

    public static final String PARTNER = "partner-cli";
    public static final String PARTNER_PASSWORD = "c0rrect horse battery";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.host", "0.0.0.0",
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.trusted-proxies", "127.0.0.1",
                "hub.identities." + PARTNER + ".roles", "operator",
                "hub.identities." + PARTNER + ".hash", htpasswd(PARTNER_PASSWORD));
    }

    /** Deletes what the limiter counted for these addresses (for the tests that need a fresh count). */
    public static void forgetFailedLogins(Db db, String... addresses) {
        db.inTransaction(c -> {
            for (String a : addresses) {
                Db.update(c, "DELETE FROM hub_login_failure WHERE limit_key = ?", a);
                Db.update(c, "DELETE FROM hub_login_block WHERE limit_key = ?", a);
            }
            return null;
        });
    }

    /** The README's command: htpasswd -nbBC 12 "" 'password' | tr -d ':\n' (apache2-utils, installed by .ci/run). */
    static String htpasswd(String password) {
        try {
            Process p = new ProcessBuilder("htpasswd", "-nbBC", "12", "", password).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("htpasswd failed: " + out);
            }
            return out.replace(":", "").replace("\n", "");
        } catch (IOException e) {
            throw new IllegalStateException("htpasswd (Debian package apache2-utils) is needed by this test", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
