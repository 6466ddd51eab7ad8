package cn.approvalbridge.hub.platform.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.FormAuthConfig;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * The console's login form: Quarkus' form authentication under /console, against the same identities as HTTP Basic
 * (the bcrypt check of {@link PartnerIdentities} at login, {@link SessionIdentities} for the encrypted session cookie
 * afterwards), with failed logins counted by the same {@link LoginLimiter}. The cookie is HttpOnly, SameSite=Strict,
 * limited to /console (the API stays HTTP Basic only, so no browser session can be ridden into it) and Secure where
 * hub.console.secure-cookies says so (cloud: TLS ends at the Ingress, so the hub cannot tell by itself).
 * Browsers without a session are sent to the login page; a caller that sent an Authorization header, and every path
 * outside the console, get the Basic challenge.
 */
@ApplicationScoped
public class LimitedFormAuthentication implements HttpAuthenticationMechanism {

    public static final String CONSOLE = "/console";
    public static final String LOGIN_PAGE = CONSOLE + "/login";
    public static final String POST_LOCATION = CONSOLE + "/j_security_check";
    public static final String SESSION_COOKIE = "hub-console-session";
    private static final String LOCATION_COOKIE = "hub-console-location";
    private static final String MECHANISM_KEY = HttpAuthenticationMechanism.class.getName();
    private static final String LIMITED = LimitedFormAuthentication.class.getName() + ".retryAfter";

    @Inject
    LoginLimiter limiter;

    @ConfigProperty(name = "hub.console.session-key")
    Optional<String> sessionKey;

    @ConfigProperty(name = "hub.console.session-timeout", defaultValue = "30M")
    Duration timeout;

    @ConfigProperty(name = "hub.console.secure-cookies", defaultValue = "false")
    boolean secureCookies;

    private FormAuthenticationMechanism form;

    @PostConstruct
    void init() {
        // without a key Quarkus makes one per start (sessions then end with a restart: one replica, acceptable)
        form = new FormAuthenticationMechanism(new ConsoleForm(timeout), sessionKey.filter(k -> !k.isBlank()));
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!inConsole(context)) {
            return Uni.createFrom().optional(Optional.empty());
        }
        if (secureCookies) {
            context.addHeadersEndHandler(v -> secure(context));
        }
        boolean login = context.normalizedPath().equals(POST_LOCATION) && context.request().method() == HttpMethod.POST;
        Uni<SecurityIdentity> result = form.authenticate(context, identities);
        if (context.get(MECHANISM_KEY) == form) {
            // the challenge after a failure must come from here (the limiter's 429), not from the wrapped mechanism
            context.put(MECHANISM_KEY, this);
        }
        if (!login) {
            return result;
        }
        return result.onFailure(AuthenticationFailedException.class)
                .call(() -> limiter.failedLater(LimitedBasicAuthentication.clientAddress(context), "form").invoke(wait -> {
                    if (wait > 0) {
                        context.put(LIMITED, wait);
                        LimitedBasicAuthentication.tooMany(context, wait, "<!DOCTYPE html><html lang=\"zh-CN\"><meta "
                                + "charset=\"UTF-8\"><title>登录尝试过多</title><h1>登录失败次数过多</h1><p>请在 " + wait
                                + " 秒后再试。</p></html>");
                    }
                }));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        Long wait = context.get(LIMITED);
        if (wait != null) {
            return Uni.createFrom().item(new ChallengeData(429, "Retry-After", Long.toString(wait)));
        }
        if (!inConsole(context) || context.request().getHeader("Authorization") != null) {
            return Uni.createFrom().nullItem();
        }
        return form.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return form.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return form.getCredentialTransport(context);
    }

    /**
     * Before Basic, so that a browser on the console is sent to the login page rather than given a Basic prompt; both
     * before Quarkus' client-certificate mechanism, whose challenge is a bare 401 without WWW-Authenticate.
     */
    @Override
    public int getPriority() {
        return LimitedBasicAuthentication.PRIORITY + 100;
    }

    private static boolean inConsole(RoutingContext context) {
        String path = context.normalizedPath();
        return path.equals(CONSOLE) || path.startsWith(CONSOLE + "/");
    }

    private static void secure(RoutingContext context) {
        List<String> cookies = context.response().headers().getAll("Set-Cookie");
        if (cookies.isEmpty()) {
            return;
        }
        context.response().headers().remove("Set-Cookie");
        for (String c : cookies) {
            context.response().headers().add("Set-Cookie", c.toLowerCase().contains("; secure") ? c : c + "; Secure");
        }
    }

    /** The form's settings: fixed by the console's pages, but for how long an idle session lasts. */
    private record ConsoleForm(Duration timeout) implements FormAuthConfig {
        public Optional<String> loginPage() {
            return Optional.of(LOGIN_PAGE);
        }

        public Optional<Set<String>> loginPageQueryParams() {
            return Optional.empty();
        }

        public String usernameParameter() {
            return "j_username";
        }

        public String passwordParameter() {
            return "j_password";
        }

        public Optional<String> errorPage() {
            return Optional.of(LOGIN_PAGE + "?error=1");
        }

        public Optional<Set<String>> errorPageQueryParams() {
            return Optional.empty();
        }

        public Optional<String> landingPage() {
            return Optional.of(CONSOLE);
        }

        public Optional<Set<String>> landingPageQueryParams() {
            return Optional.empty();
        }

        public String locationCookie() {
            return LOCATION_COOKIE;
        }

        public Duration newCookieInterval() {
            return Duration.ofMinutes(1);
        }

        public String cookieName() {
            return SESSION_COOKIE;
        }

        public Optional<String> cookiePath() {
            return Optional.of(CONSOLE);
        }

        public Optional<String> cookieDomain() {
            return Optional.empty();
        }

        public boolean httpOnlyCookie() {
            return true;
        }

        public CookieSameSite cookieSameSite() {
            return CookieSameSite.STRICT;
        }

        public Optional<Duration> cookieMaxAge() {
            return Optional.empty();
        }

        public String postLocation() {
            return POST_LOCATION;
        }

        public int priority() {
            return DEFAULT_PRIORITY + 100;
        }
    }
}
