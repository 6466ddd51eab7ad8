package cn.approvalbridge.hub.console;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.api.Callers;
import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.hub.platform.security.StatusTokens;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.projectview.ApprovalSteps;
import cn.approvalbridge.hub.projectview.ItemView;
import cn.approvalbridge.hub.projectview.ZhFormat;
import cn.approvalbridge.support.Masking;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;

/** The window's console: the worklist (search ?q=), a project's page, and marking a task done. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class WindowConsoleResource {

    @Inject
    Worklist worklist;

    @Inject
    Declarations declarations;

    @Inject
    ApprovalSteps steps;

    @Inject
    Departments departments;

    @Inject
    Trail trail;

    @Inject
    ProjectRecord record;

    @Inject
    StatusTokens tokens;

    @Inject
    ConsoleUser users;

    @Inject
    ConsolePages pages;

    @Inject
    ObjectMapper json;

    @Location("console/worklist.html")
    Template worklistPage;

    @Location("console/project.html")
    Template projectPage;

    /** The landing page after login: a supervisor is sent on to its board. */
    @GET
    @RolesAllowed({ Callers.WINDOW, Callers.OPERATOR, Callers.SUPERVISOR })
    public Response worklist(@QueryParam("q") String q, @QueryParam("done") String done) {
        ConsoleUser.User user = users.current();
        if (!user.window() && !user.operator()) {
            return ConsolePages.seeOther("/console/supervision");
        }
        String query = q == null ? "" : q.strip();
        List<Worklist.Task> tasks = worklist.tasks(query);
        return Response.ok(worklistPage.data("user", users.current()).data("q", query).data("tasks", tasks)
                .data("overdue", tasks.stream().filter(t -> t.urgency().equals("overdue")).count())
                .data("today", tasks.stream().filter(t -> t.urgency().equals("today")).count())
                .data("found", query.isEmpty() ? List.of() : worklist.search(query)).data("done", done != null)).build();
    }

    /** A project by its code, or a declaration by its id (one refused in pre-review has no code). */
    @GET
    @Path("/projects/{key}")
    @RolesAllowed({ Callers.WINDOW, Callers.OPERATOR })
    public Response project(@PathParam("key") String key, @QueryParam("verify") String verify,
            @QueryParam("done") String done) {
        Optional<Declarations.Row> found = declarations.findByProjectCode(key).or(() -> declarations.find(key));
        if (found.isEmpty()) {
            return pages.notFound("项目 " + key);
        }
        Declarations.Row row = found.get();
        boolean window = users.current().window();
        var facts = steps.facts(row);
        var all = steps.steps(facts);
        var entries = trail.entries(row.declarationId());
        String pageKey = row.projectCode() != null ? row.projectCode() : row.declarationId();
        return Response.ok(projectPage.data("user", users.current()).data("row", row).data("key", pageKey).data("done", done != null)
                .data("unit", unit(row.body(), window)).data("steps", all).data("current", ApprovalSteps.current(all))
                .data("next", steps.next(facts)).data("items", ItemView.of(facts.items(), departments, facts.today()))
                .data("documents", record.documents(entries)).data("sms", record.sms(entries))
                .data("trail", record.lines(entries, window))
                .data("verified", verify == null ? null : trail.verify(entries))
                .data("tasks", worklist.tasks("").stream().filter(t -> t.declarationId().equals(row.declarationId())).toList())
                .data("statusLink", row.projectCode() == null ? null
                        : "/status/" + row.projectCode() + "?t=" + tokens.issue(row.projectCode())))
                .build();
    }

    @POST
    @Path("/tasks")
    @RolesAllowed(Callers.WINDOW)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response done(@FormParam("declarationId") String declarationId, @FormParam("task") String task,
            @FormParam("back") String back, @FormParam(ConsoleUser.CSRF_FIELD) String csrf) {
        Response refused = pages.csrfRefused(csrf);
        if (refused != null) {
            return refused;
        }
        if (declarationId == null || task == null || worklist.tasks("").stream()
                .noneMatch(t -> t.declarationId().equals(declarationId) && t.task().equals(task))) {
            return pages.notFound("待办事项");
        }
        worklist.markDone(declarationId, task, users.name());
        String to = back != null && back.matches("/console(/projects/[A-Za-z0-9_-]{1,64})?") ? back : "/console";
        return ConsolePages.seeOther(to + "?done=1");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return pages.forbidden();
    }

    /** The unit as the window's API shows it: unmasked for the window that declared it, masked for operators. */
    private Unit unit(String body, boolean unmasked) {
        try {
            JsonNode d = json.readTree(body);
            JsonNode u = (unmasked ? d : Masking.maskDeclaration(d)).path("unit");
            String contact = u.path("contactName").asText("");
            if (!unmasked && !contact.isEmpty()) {
                contact = contact.charAt(0) + "*".repeat(Math.max(1, contact.length() - 1));
            }
            BigDecimal investment = d.path("totalInvestment").isNumber() ? d.path("totalInvestment").decimalValue() : null;
            return new Unit(u.path("name").asText("—"), u.path("creditCode").asText("—"), contact,
                    u.path("contactMobile").asText("—"), ZhFormat.wan(investment), d.path("site").asText("—"),
                    d.path("plannedStart").asText("—") + " 至 " + d.path("plannedFinish").asText("—"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @io.quarkus.qute.TemplateData
    public record Unit(String name, String creditCode, String contactName, String contactMobile, String investment,
            String site, String period) {
    }
}
