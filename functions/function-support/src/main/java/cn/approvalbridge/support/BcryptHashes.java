package cn.approvalbridge.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * bcrypt verification ($2a$/$2b$/$2y$, as htpasswd -B makes them) with Elytron's implementation, the one Quarkus
 * security ships. A partner system
 * sends its password with every request and bcrypt costs ~100 ms by design: the last password that verified for a
 * hash is remembered as an HMAC under a key that lives only in this process, so only a new or wrong password pays the
 * bcrypt cost.
 */
public final class BcryptHashes {

    /** Verified against a hash of this cost, so an unknown user name costs as much as a wrong password. */
    private static final String DUMMY = "$2y$10$NQqGG7XWdrk79yFR0eLGy.kFr.Qmp6HjD9rhjhL4Wk9Io5zXslbby";

    private final PasswordFactory factory;
    private final byte[] key = new byte[32];
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    /** A Mac under the key per thread (a Mac is not thread-safe; getInstance and init on every call cost more). */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public BcryptHashes() {
        try {
            factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, new WildFlyElytronPasswordProvider());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt is not available", e);
        }
        new SecureRandom().nextBytes(key);
    }

    /** Fails at start on a value that is not a bcrypt hash of cost 10 or more, naming the identity to fix. */
    public static void check(String key, String hash) {
        if (hash == null || !hash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
            throw new IllegalStateException(key + " is not a bcrypt hash ($2y$12$..., 60 "
                    + "characters): make one with htpasswd -nbBC 12 \"\" 'password' | tr -d ':\\n'");
        }
        if (Integer.parseInt(hash.substring(4, 6)) < 10) {
            throw new IllegalStateException(key + " has bcrypt cost " + hash.substring(4, 6)
                    + ": use 10 or more (htpasswd -nbBC 12 ...)");
        }
    }

    /** Whether the password matches the hash; a null hash (unknown user) costs a bcrypt check too and fails. */
    public boolean verify(String hash, char[] password) {
        if (hash == null) {
            bcrypt(DUMMY, password);
            return false;
        }
        byte[] mac = mac(hash, password);
        if (remembered(hash, mac)) {
            return true;
        }
        boolean ok = bcrypt(hash, password);
        if (ok) {
            verified.put(hash, mac);
        }
        return ok;
    }

    /** Whether this is the password that last verified for the hash (no bcrypt: an HMAC compared, microseconds). */
    public boolean remembered(String hash, char[] password) {
        return hash != null && remembered(hash, mac(hash, password));
    }

    private boolean remembered(String hash, byte[] mac) {
        byte[] known = verified.get(hash);
        return known != null && MessageDigest.isEqual(known, mac);
    }

    private boolean bcrypt(String hash, char[] password) {
        try {
            // $2b$ and $2y$ name the same algorithm as $2a$ (the prefixes only mark fixed bugs of other implementations)
            Password p = factory.translate(ModularCrypt.decode("$2a$" + hash.substring(4)));
            return factory.verify(p, password);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private byte[] mac(String hash, char[] password) {
        Mac mac = macs.get();
        mac.update(hash.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(new String(password).getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
