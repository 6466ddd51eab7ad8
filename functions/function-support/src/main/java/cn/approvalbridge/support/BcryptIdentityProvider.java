package cn.approvalbridge.support;

import java.util.Set;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** HTTP Basic against bcrypt hashes ({@link BcryptHashes}); subclasses say where a user's hash and roles come from. */
public abstract class BcryptIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** A user's bcrypt hash and roles. */
    public record Account(String hash, Set<String> roles) {
    }

    private final BcryptHashes hashes = new BcryptHashes();

    /** The account of this user name, or null when there is none (or it has no hash). */
    protected abstract Account account(String name);

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            Account account = account(request.getUsername());
            // an unknown name costs a bcrypt check too, so timing does not tell names apart
            if (!hashes.verify(account == null ? null : account.hash(), request.getPassword().getPassword())
                    || account == null) {
                throw new AuthenticationFailedException();
            }
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(request.getUsername()))
                    .addRoles(account.roles()).build();
        });
    }
}
