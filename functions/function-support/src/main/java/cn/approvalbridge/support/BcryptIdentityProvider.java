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

/**
 * HTTP Basic against bcrypt hashes ({@link BcryptHashes}); subclasses say where a user's hash and roles come from, and
 * must answer {@link #account} without blocking (from configuration): it is asked on the I/O thread first, and only a
 * password that has not verified before goes to a worker thread for bcrypt.
 */
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
        Account known = account(request.getUsername());
        if (known != null && hashes.remembered(known.hash(), request.getPassword().getPassword())) {
            // the password that last verified for this hash: no bcrypt, so no need to leave the I/O thread
            return Uni.createFrom().item(identity(request.getUsername(), known));
        }
        return context.runBlocking(() -> {
            // an unknown name costs a bcrypt check too, so timing does not tell names apart
            if (!hashes.verify(known == null ? null : known.hash(), request.getPassword().getPassword())
                    || known == null) {
                throw new AuthenticationFailedException();
            }
            return identity(request.getUsername(), known);
        });
    }

    private static SecurityIdentity identity(String name, Account account) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRoles(account.roles())
                .build();
    }
}
