package cn.approvalbridge.hub.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * The project unit's key to its status page, carried by its SMS: "&lt;expiry&gt;.&lt;mac&gt;", 20 characters (the
 * expiry as epoch day in base 36, then 96 bits of HMAC-SHA256 over project code and expiry, base64url), so it fits the
 * providers' variable limits whole. Key: hub.status-page.key; valid for hub.status-page.link-days. The link's address
 * (scheme and host, hub.status-page.base-url) travels as the notice's {@code statusPage}: the SMS templates write
 * {@code {statusPage}/status/{projectCode}?t={statusToken}}.
 */
@ApplicationScoped
public class StatusTokens {

    private static final int MAC_BYTES = 12;
    /** Scheme, host, optional port and path prefix; no query, no trailing slash (the templates add "/status/"). */
    private static final Pattern BASE_URL = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?(/[A-Za-z0-9._~-]+)*");

    @ConfigProperty(name = "hub.status-page.key")
    String key;

    @ConfigProperty(name = "hub.status-page.link-days", defaultValue = "180")
    int linkDays;

    @ConfigProperty(name = "hub.status-page.base-url")
    String baseUrl;

    private final Clock clock = Clock.systemUTC();

    void check(@Observes StartupEvent start) {
        if (!BASE_URL.matcher(baseUrl).matches()) {
            throw new IllegalStateException("hub.status-page.base-url (env STATUS_PAGE_BASE_URL under the cloud profile) is '"
                    + baseUrl + "': set it to the address the project units open the status page at, e.g. "
                    + "https://hub.example.gov.cn, without a trailing slash (the SMS templates add /status/<code>)");
        }
    }

    /** What a notice to the project unit carries for its link: {@code statusPage} and {@code statusToken}. */
    public Map<String, String> linkParams(String projectCode) {
        return Map.of("statusPage", baseUrl, "statusToken", issue(projectCode));
    }

    public String issue(String projectCode) {
        long expiry = LocalDate.now(clock).plusDays(linkDays).toEpochDay();
        String e = Long.toString(expiry, 36);
        return e + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(projectCode, e));
    }

    /** Whether the token was issued for this project and has not expired. */
    public boolean valid(String projectCode, String token) {
        if (projectCode == null || token == null || token.length() > 40) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        String e = token.substring(0, dot);
        byte[] given;
        long expiry;
        try {
            given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            expiry = Long.parseLong(e, 36);
        } catch (IllegalArgumentException bad) {
            return false;
        }
        boolean signed = MessageDigest.isEqual(mac(projectCode, e), given);
        return signed && expiry >= LocalDate.now(clock.withZone(ZoneOffset.UTC)).toEpochDay();
    }

    private byte[] mac(String projectCode, String expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] full = mac.doFinal((projectCode + "|" + expiry).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(full, MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
