package cn.approvalbridge.support;

import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The hub, the one caller of a function's HTTP binding: HTTP Basic as function.caller.username (default hub) with the
 * password whose bcrypt hash is function.caller.hash (role "hub"). Each function's deployable makes it a bean by
 * extending it; the cores, which the hub runs in-process, do not.
 */
public abstract class HubCallerIdentity implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final BcryptHashes hashes = new BcryptHashes();

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            var config = ConfigProvider.getConfig();
            String user = config.getOptionalValue("function.caller.username", String.class).orElse("hub");
            String hash = config.getOptionalValue("function.caller.hash", String.class).orElse(null);
            if (hash != null) {
                BcryptHashes.check("function.caller.hash", hash);
            }
            boolean known = user.equals(request.getUsername());
            if (!hashes.verify(known ? hash : null, request.getPassword().getPassword()) || !known) {
                throw new AuthenticationFailedException();
            }
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user)).addRoles(Set.of("hub"))
                    .build();
        });
    }
}
