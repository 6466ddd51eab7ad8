package cn.approvalbridge.support;

import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The hub, the one caller of a function's HTTP binding: HTTP Basic as function.caller.username (default hub) with the
 * password whose bcrypt hash is function.caller.hash (role "hub"; no hash: every call refused). Each function's
 * deployable makes it a bean by extending it; the cores, which the hub runs in-process, do not.
 */
public abstract class HubCallerIdentity extends BcryptIdentityProvider {

    @Override
    protected Account account(String name) {
        var config = ConfigProvider.getConfig();
        String user = config.getOptionalValue("function.caller.username", String.class).orElse("hub");
        String hash = config.getOptionalValue("function.caller.hash", String.class).orElse(null);
        if (!user.equals(name) || hash == null) {
            return null;
        }
        BcryptHashes.check("function.caller.hash", hash);
        return new Account(hash, Set.of("hub"));
    }
}
