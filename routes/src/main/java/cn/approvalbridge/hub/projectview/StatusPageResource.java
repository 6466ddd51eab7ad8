package cn.approvalbridge.hub.projectview;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.utility.UtilityApplications;
import cn.approvalbridge.support.Mobile;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The one query as a page (server-side HTML, personal data masked): for the window staff and operators (HTTP Basic), and
 * for the project unit, which proves itself with its contact mobile (?mobile=...). A stranger gets 404.
 */
@Path("/status/{projectCode}")
public class StatusPageResource {

    @Inject
    Declarations declarations;

    @Inject
    UtilityApplications applications;

    @Inject
    ProjectStatusView views;

    @Inject
    SecurityIdentity identity;

    @Location("utility-status.html")
    Template page;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @PermitAll
    public TemplateInstance page(@PathParam("projectCode") String projectCode, @QueryParam("mobile") String mobile) {
        Declarations.Row row = find(projectCode);
        boolean staff = !identity.isAnonymous() && (identity.hasRole("window") || identity.hasRole("operator"));
        if (!staff && !isUnit(row, mobile)) {
            // the same answer as for an unknown project: the page reveals nothing to a stranger
            throw new ApiException(404, "projectCode", "not_found", "no project " + projectCode);
        }
        return page.data("s", views.project(row, false)).data("viewer", staff ? "窗口工作人员" : "项目单位");
    }

    private boolean isUnit(Declarations.Row row, String mobile) {
        String m = mobile == null ? null : Mobile.normalise(mobile).orElse(null);
        if (m == null) {
            return false;
        }
        return m.equals(row.unitMobile())
                || applications.byProject(row.projectCode()).stream().anyMatch(a -> m.equals(a.unitMobile()));
    }

    private Declarations.Row find(String projectCode) {
        return declarations.findByProjectCode(projectCode)
                .orElseThrow(() -> new ApiException(404, "projectCode", "not_found", "no project " + projectCode));
    }
}
