package cn.approvalbridge.hub.platform.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import cn.approvalbridge.support.BcryptHashes;
import cn.approvalbridge.support.BcryptIdentityProvider;
import io.quarkus.runtime.StartupEvent;

/** HTTP Basic against the bcrypt hashes of {@link IdentitiesConfig}; the only password realm of the hub. */
@ApplicationScoped
public class PartnerIdentities extends BcryptIdentityProvider {

    @Inject
    IdentitiesConfig config;

    /** A hash that is not bcrypt of cost 10 or more stops the start, naming the key to fix. */
    void checkAtStart(@Observes StartupEvent start) {
        config.users().forEach((name, identity) -> identity.hash()
                .ifPresent(h -> BcryptHashes.check("hub.identities." + name + ".hash", h)));
        config.users().forEach((name, identity) -> identity.certificateSubject().ifPresent(s -> {
            try {
                new javax.security.auth.x500.X500Principal(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("hub.identities." + name + ".certificate-subject is not an X.500 name "
                        + "(e.g. CN=gateway.example.gov.cn,O=FGW,C=CN): " + e.getMessage());
            }
        }));
    }

    @Override
    protected Account account(String name) {
        IdentitiesConfig.Identity identity = config.users().get(name);
        return identity == null || identity.hash().isEmpty() ? null
                : new Account(identity.hash().get(), Set.copyOf(identity.roles()));
    }
}
