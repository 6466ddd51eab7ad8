package cn.approvalbridge.hub.platform.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.BasicAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Quarkus' HTTP Basic, with failed attempts counted per client address ({@link LoginLimiter}): a limited address
 * gets 429 with Retry-After instead of the 401 challenge, while right credentials still pass.
 */
@ApplicationScoped
public class LimitedBasicAuthentication implements HttpAuthenticationMechanism {

    /**
     * Above Quarkus' client-certificate mechanism (INCLUSIVE_AUTHENTICATION_PRIORITY, 3000): the challenge of a request
     * without credentials is the one of the first mechanism that has one, and a script must get the Basic challenge,
     * not mTLS's bare 401. A request with a certificate and no Authorization header passes Basic untouched.
     */
    static final int PRIORITY = 3050;

    private static final String RETRY_AFTER = LimitedBasicAuthentication.class.getName() + ".retryAfter";

    @Inject
    LoginLimiter limiter;

    private final BasicAuthenticationMechanism basic = new BasicAuthenticationMechanism("approval-bridge", false);

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        return basic.authenticate(context, identities).onFailure(AuthenticationFailedException.class)
                .call(() -> limiter.failedLater(clientAddress(context), "basic").invoke(wait -> {
                    if (wait > 0) {
                        context.put(RETRY_AFTER, wait);
                        tooMany(context, wait, null);
                    }
                }));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        Long wait = context.get(RETRY_AFTER);
        if (wait != null) {
            return Uni.createFrom().item(new ChallengeData(429, "Retry-After", Long.toString(wait)));
        }
        return basic.getChallenge(context);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return basic.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return basic.getCredentialTransport(context);
    }

    /**
     * Answers 429 with Retry-After at once. Quarkus answers a failed login with the challenge it takes from the failed
     * mechanism itself: a limited address gets its answer here, and that challenge is not sent over an ended response.
     */
    static void tooMany(RoutingContext context, long wait, String html) {
        if (context.response().ended()) {
            return;
        }
        var response = context.response().setStatusCode(429).putHeader("Retry-After", Long.toString(wait));
        if (html == null) {
            response.end();
        } else {
            response.putHeader("Content-Type", "text/html; charset=UTF-8").end(html);
        }
    }

    /** The connection's address, already replaced by X-Forwarded-For's where the proxy is trusted (quarkus.http.proxy). */
    public static String clientAddress(RoutingContext context) {
        var address = context.request().remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }
}
