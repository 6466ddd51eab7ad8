package cn.approvalbridge.hub.platform.security;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.x500.X500Principal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.CertificateAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Mutual TLS, the partners' second door: a client certificate the TLS layer accepted (it chains to the hub's trust
 * store, quarkus.tls.trust-store.*) is the identity whose hub.identities.&lt;name&gt;.certificate-subject is its subject,
 * with that identity's roles. A trusted certificate whose subject no identity names is refused: trusting a CA does
 * not let every certificate it signed in. Quarkus' own X.509 provider, which would, never gets to answer. A refused
 * certificate is a failed login of its client address ({@link LoginLimiter}, door {@code certificate}): a limited
 * address gets 429 with Retry-After instead of the bare 401.
 */
@ApplicationScoped
public class CertificateIdentities implements IdentityProvider<CertificateAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(CertificateIdentities.class);

    @Inject
    IdentitiesConfig config;

    @Inject
    LoginLimiter limiter;

    @Override
    public Class<CertificateAuthenticationRequest> getRequestType() {
        return CertificateAuthenticationRequest.class;
    }

    /** Before Quarkus' X509IdentityProvider, which has the default priority (1001) and would take any subject. */
    @Override
    public int priority() {
        return 1002;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(CertificateAuthenticationRequest request,
            AuthenticationRequestContext context) {
        X509Certificate certificate = request.getCertificate().getCertificate();
        X500Principal subject = certificate.getSubjectX500Principal();
        Map.Entry<String, IdentitiesConfig.Identity> match = config.users().entrySet().stream()
                .filter(e -> e.getValue().certificateSubject().map(s -> sameName(s, subject)).orElse(false))
                .findFirst().orElse(null);
        if (match == null) {
            LOG.warnf("Client certificate refused: no identity has the subject %s", subject.getName());
            RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
            if (http == null) {
                return Uni.createFrom().failure(new AuthenticationFailedException());
            }
            // the count is a few statements on the store: off the event loop
            return context.runBlocking(() -> {
                long wait = limiter.failed(LimitedBasicAuthentication.clientAddress(http), "certificate");
                if (wait > 0) {
                    LimitedBasicAuthentication.tooMany(http, wait, null);
                }
                throw new AuthenticationFailedException();
            });
        }
        Set<String> roles = match.getValue().roles().stream().collect(Collectors.toSet());
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(match.getKey()))
                .addRoles(roles)
                .addCredential(request.getCertificate())
                .build());
    }

    /** Names compared as X.500 names (RFC 2253 canonical form), so spacing and case of attribute types do not matter. */
    static boolean sameName(String configured, X500Principal subject) {
        try {
            return new X500Principal(configured).getName(X500Principal.CANONICAL)
                    .equals(subject.getName(X500Principal.CANONICAL));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
