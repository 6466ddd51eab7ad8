package cn.approvalbridge.hub.projectview;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.security.LoginLimiter;
import cn.approvalbridge.hub.platform.security.StatusTokens;
import cn.approvalbridge.hub.prereview.Declarations;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * The one query as a page (server-side HTML, personal data masked): for the window staff and operators (HTTP Basic), and
 * for the project unit, which opens the link its SMS carries (?t=, a {@link StatusTokens} token). A stranger, a wrong
 * or an expired token gets 404; wrong tokens count as failed logins of the client address ({@link LoginLimiter}).
 */
@Path("/status/{projectCode}")
public class StatusPageResource {

    @Inject
    Declarations declarations;

    @Inject
    StatusTokens tokens;

    @Inject
    LoginLimiter limiter;

    @Inject
    ProjectStatusView views;

    @Inject
    SecurityIdentity identity;

    @Inject
    ApprovalSteps steps;

    @Inject
    cn.approvalbridge.hub.platform.directory.Departments departments;

    @Location("utility-status.html")
    Template page;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @PermitAll
    public TemplateInstance page(@PathParam("projectCode") String projectCode, @QueryParam("t") String token,
            @Context HttpServerRequest request) {
        boolean staff = !identity.isAnonymous() && (identity.hasRole("window") || identity.hasRole("operator"));
        if (!staff && !tokens.valid(projectCode, token)) {
            long wait = limiter.failed(request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress(),
                    "status-page");
            if (wait > 0) {
                throw new WebApplicationException(Response.status(429).header("Retry-After", wait).build());
            }
            // the same answer as for an unknown project: the page reveals nothing to a stranger
            throw new ApiException(404, "projectCode", "not_found", "no project " + projectCode);
        }
        Declarations.Row row = find(projectCode);
        ApprovalSteps.Facts facts = steps.facts(row);
        var all = steps.steps(facts);
        return page.data("s", views.project(row, false)).data("viewer", staff ? "窗口工作人员" : "项目单位")
                .data("steps", all).data("current", ApprovalSteps.current(all)).data("next", steps.next(facts))
                .data("items", ItemView.of(facts.items(), departments, facts.today()));
    }

    private Declarations.Row find(String projectCode) {
        return declarations.findByProjectCode(projectCode)
                .orElseThrow(() -> new ApiException(404, "projectCode", "not_found", "no project " + projectCode));
    }
}
