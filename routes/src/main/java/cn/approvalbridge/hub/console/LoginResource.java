package cn.approvalbridge.hub.console;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import cn.approvalbridge.hub.platform.security.LimitedFormAuthentication;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/** The login form (it posts to the form mechanism's /console/j_security_check) and the logout. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    ConsolePages pages;

    @Location("console/login.html")
    Template login;

    @GET
    @Path("/login")
    @PermitAll
    public TemplateInstance login(@QueryParam("error") String error, @QueryParam("logout") String logout) {
        return login.data("error", error != null).data("loggedOut", logout != null)
                .data("signedIn", identity.isAnonymous() ? null : identity.getPrincipal().getName())
                .data("action", LimitedFormAuthentication.POST_LOCATION);
    }

    /** Ends the session: the cookie is dropped (it is stateless and encrypted; without it the browser is anonymous). */
    @POST
    @Path("/logout")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@FormParam(ConsoleUser.CSRF_FIELD) String csrf, @Context RoutingContext context) {
        Response refused = pages.csrfRefused(csrf);
        if (refused != null) {
            return refused;
        }
        // through Vert.x' cookie jar, so that it replaces a renewed session cookie of this same request
        context.response().addCookie(Cookie.cookie(LimitedFormAuthentication.SESSION_COOKIE, "").setPath("/console")
                .setMaxAge(0).setHttpOnly(true).setSameSite(CookieSameSite.STRICT));
        return ConsolePages.seeOther("/console/login?logout=1");
    }
}
