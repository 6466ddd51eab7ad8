package cn.approvalbridge.hub.platform.camel;

import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The hub's client certificate towards one partner (mutual TLS), from configuration: hub.partners.&lt;partner&gt;.key-store
 * (a PKCS#12 file holding the hub's key and certificate for that partner) and .key-store-password; optionally
 * .trust-store / .trust-store-password (PKCS#12 with the CA certificates the partner's server certificate chains to;
 * without it the JVM's). Under cloud the values come from the environment (HUB_PARTNERS_&lt;PARTNER&gt;_KEY_STORE, ...),
 * the file from a mounted secret; the passwords are never logged. A partner without a key store gets plain HTTPS.
 */
public final class PartnerTls {

    private PartnerTls() {
    }

    /**
     * The endpoint option that makes the partner's calls present its client certificate ("" when it has none); the
     * SSLContextParameters are bound in the registry under partner-tls-&lt;partner&gt;. Camel's http component keeps a
     * connection manager per endpoint, so each partner's endpoint carries its own certificate.
     */
    public static String endpointOption(CamelContext camel, String partner) {
        Optional<SSLContextParameters> tls = parameters(ConfigProvider.getConfig(), partner);
        if (tls.isEmpty()) {
            return "";
        }
        String name = "partner-tls-" + partner;
        camel.getRegistry().bind(name, SSLContextParameters.class, tls.get());
        return "&sslContextParameters=#" + name;
    }

    static Optional<SSLContextParameters> parameters(Config config, String partner) {
        String prefix = "hub.partners." + partner + ".";
        Optional<String> keyStore = value(config, prefix + "key-store");
        if (keyStore.isEmpty()) {
            return Optional.empty();
        }
        String password = value(config, prefix + "key-store-password").orElseThrow(() -> new IllegalStateException(
                prefix + "key-store is set but " + prefix + "key-store-password is not"));
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(store(keyStore.get(), password));
        keys.setKeyPassword(password);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setKeyManagers(keys);
        value(config, prefix + "trust-store").ifPresent(path -> {
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(store(path, value(config, prefix + "trust-store-password").orElse("")));
            tls.setTrustManagers(trust);
        });
        return Optional.of(tls);
    }

    private static KeyStoreParameters store(String path, String password) {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource(path.contains(":") && !path.matches("^[A-Za-z]:\\\\.*") ? path : "file:" + path);
        store.setPassword(password);
        store.setType("PKCS12");
        return store;
    }

    private static Optional<String> value(Config config, String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
    }
}
