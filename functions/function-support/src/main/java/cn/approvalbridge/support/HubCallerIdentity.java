package cn.approvalbridge.support;

import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The hub, the one caller of a function's HTTP binding: HTTP Basic as function.caller.username (default hub) with the
 * password whose bcrypt hash is function.caller.hash (role "hub"; no hash: every call refused). Each function's
 * deployable makes it a bean by extending it; the cores, which the hub runs in-process, do not.
 */
public abstract class HubCallerIdentity extends BcryptIdentityProvider {

    private record Caller(String user, Account account) {
    }

    /** Read once, at the first call: the configuration does not change while the function runs. */
    private volatile Optional<Caller> caller;

    @Override
    protected Account account(String name) {
        Optional<Caller> a = caller;
        if (a == null) {
            var config = ConfigProvider.getConfig();
            String user = config.getOptionalValue("function.caller.username", String.class).orElse("hub");
            String hash = config.getOptionalValue("function.caller.hash", String.class).orElse(null);
            if (hash != null) {
                BcryptHashes.check("function.caller.hash", hash);
            }
            a = Optional.ofNullable(hash).map(h -> new Caller(user, new Account(h, Set.of("hub"))));
            caller = a;
        }
        return a.filter(c -> c.user().equals(name)).map(Caller::account).orElse(null);
    }
}
