package cn.approvalbridge.hub.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import cn.approvalbridge.support.BcryptHashes;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** HTTP Basic against the bcrypt hashes of {@link IdentitiesConfig}; the only password realm of the hub. */
@ApplicationScoped
public class PartnerIdentities implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    @Inject
    IdentitiesConfig config;

    private final BcryptHashes hashes = new BcryptHashes();

    void checkAtStart(@Observes StartupEvent start) {
        config.users().forEach((name, identity) -> identity.hash().ifPresent(h -> BcryptHashes.check("hub.identities." + name + ".hash", h)));
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            String name = request.getUsername();
            IdentitiesConfig.Identity identity = config.users().get(name);
            String hash = identity == null ? null : identity.hash().orElse(null);
            if (!hashes.verify(hash, request.getPassword().getPassword())) {
                throw new AuthenticationFailedException();
            }
            return identity(name, identity);
        });
    }

    static SecurityIdentity identity(String name, IdentitiesConfig.Identity identity) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name))
                .addRoles(new java.util.HashSet<>(identity.roles())).build();
    }
}
