package cn.approvalbridge.hub.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import cn.approvalbridge.hub.platform.api.Callers;
import io.quarkus.qute.TemplateData;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is on the console, and the CSRF token its POST forms carry: an HMAC of the user name under a key that lives only
 * in this process. A page from another site cannot read it (same-origin policy), so a forged form fails; the session
 * cookie is SameSite=Strict besides. After a restart the pages are loaded anew, and with them the token.
 */
@ApplicationScoped
public class ConsoleUser {

    public static final String CSRF_FIELD = "_csrf";

    /** The header of every console page: the user, what it may open, and the token for its forms. */
    @TemplateData
    public record User(String name, boolean window, boolean operator, boolean supervisor, String csrf) {
        public String roleLabel() {
            return operator ? "运维人员" : window ? "综合窗口" : supervisor ? "督查人员" : "其他";
        }
    }

    @Inject
    SecurityIdentity identity;

    private final byte[] key = new byte[32];

    ConsoleUser() {
        new SecureRandom().nextBytes(key);
    }

    public User current() {
        String name = identity.getPrincipal().getName();
        return new User(name, identity.hasRole(Callers.WINDOW), identity.hasRole(Callers.OPERATOR),
                identity.hasRole(Callers.SUPERVISOR), token(name));
    }

    public String name() {
        return identity.getPrincipal().getName();
    }

    /** Whether the form's token is this user's; compared in constant time. */
    public boolean tokenValid(String token) {
        if (token == null || identity.isAnonymous()) {
            return false;
        }
        return MessageDigest.isEqual(token(name()).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private String token(String name) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
