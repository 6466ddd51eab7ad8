package cn.approvalbridge.hub.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The project unit's key to its status page, carried by its SMS: "&lt;expiry&gt;.&lt;mac&gt;", 20 characters (the
 * expiry as epoch day in base 36, then 96 bits of HMAC-SHA256 over project code and expiry, base64url), so it fits the
 * providers' variable limits whole. Key: hub.status-page.key; valid for hub.status-page.link-days.
 */
@ApplicationScoped
public class StatusTokens {

    private static final int MAC_BYTES = 12;

    @ConfigProperty(name = "hub.status-page.key")
    String key;

    @ConfigProperty(name = "hub.status-page.link-days", defaultValue = "180")
    int linkDays;

    private final Clock clock = Clock.systemUTC();

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
