package cn.approvalbridge.hub.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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

import cn.approvalbridge.hub.platform.api.Callers;
import cn.approvalbridge.hub.platform.store.DeadLetters;
import cn.approvalbridge.hub.projectview.ZhFormat;
import cn.approvalbridge.support.Masking;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.security.ForbiddenException;

/**
 * The operators' page: partners and their state, dead letters a page at a time (filter by partner, queue, text, open
 * or resolved) with replay of one, of a whole filter (progress shown) and "mark resolved", the outbox backlog and the
 * working-day calendar's coverage.
 */
@Path("/console/operations")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Callers.OPERATOR)
public class OperationsConsoleResource {

    static final int PAGE = 20;

    @TemplateData
    public record Letter(String id, String partner, String queue, String failedAt, String reason, String body,
            int replayCount, String replayedAt, boolean resolved, String resolvedAt, String resolvedBy) {
    }

    @Inject
    DeadLetters deadLetters;

    @Inject
    ReplayJobs jobs;

    @Inject
    OperationsView view;

    @Inject
    ConsoleUser users;

    @Inject
    ConsolePages pages;

    @Location("console/operations.html")
    Template page;

    @Location("console/replay.html")
    Template replayPage;

    @GET
    public Response operations(@QueryParam("partner") String partner, @QueryParam("queue") String queue,
            @QueryParam("contains") String contains, @QueryParam("state") @DefaultValue("open") String state,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("done") String done) {
        int from = Math.max(0, offset);
        DeadLetters.Page letters = deadLetters.page(filter(partner, queue, contains, state), PAGE, from);
        List<Letter> rows = new ArrayList<>();
        for (DeadLetters.DeadLetter d : letters.items()) {
            rows.add(new Letter(d.id(), d.partner(), d.sourceQueue(), ZhFormat.time(d.failedAt()), Masking.maskText(d.reason()),
                    Masking.maskText(d.body()), d.replayCount(), ZhFormat.time(d.replayedAt()), d.resolvedAt() != null,
                    ZhFormat.time(d.resolvedAt()), d.resolvedBy()));
        }
        String query = query(partner, queue, contains, state);
        return Response.ok(page.data("user", users.current()).data("partners", view.partners())
                .data("backlog", view.backlog()).data("coverage", view.coverage()).data("letters", rows)
                .data("total", letters.total()).data("totalText", ZhFormat.number(letters.total()))
                .data("from", letters.total() == 0 ? 0 : from + 1).data("to", from + rows.size())
                .data("prev", from > 0 ? "?" + query + "&offset=" + Math.max(0, from - PAGE) : null)
                .data("next", from + PAGE < letters.total() ? "?" + query + "&offset=" + (from + PAGE) : null)
                .data("partner", blank(partner)).data("queue", blank(queue)).data("contains", blank(contains))
                .data("state", state).data("back", "/console/operations?" + query + "&offset=" + from)
                .data("done", done == null ? null : switch (done) {
                    case "replayed" -> "已重放：消息已放回原队列，由幂等的消费者再次处理。";
                    case "resolved" -> "已标记为已处理。";
                    case "need-filter" -> "批量重放至少要指定系统、队列或内容中的一项，以免误将全部死信重放。";
                    default -> null;
                })).build();
    }

    @POST
    @Path("/dead-letters/{id}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replay(@PathParam("id") String id, @FormParam("back") String back,
            @FormParam(ConsoleUser.CSRF_FIELD) String csrf) {
        Response refused = pages.csrfRefused(csrf);
        if (refused != null) {
            return refused;
        }
        return deadLetters.replay(id).isEmpty() ? pages.notFound("死信 " + id)
                : ConsolePages.seeOther(back(back) + "&done=replayed");
    }

    @POST
    @Path("/dead-letters/{id}/resolve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resolve(@PathParam("id") String id, @FormParam("back") String back,
            @FormParam(ConsoleUser.CSRF_FIELD) String csrf) {
        Response refused = pages.csrfRefused(csrf);
        if (refused != null) {
            return refused;
        }
        return deadLetters.resolve(id, users.name()).isEmpty() ? pages.notFound("死信 " + id)
                : ConsolePages.seeOther(back(back) + "&done=resolved");
    }

    /** Replays every open letter the filter selects (at least one criterion, as the API asks), in the background. */
    @POST
    @Path("/dead-letters/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replayAll(@FormParam("partner") String partner, @FormParam("queue") String queue,
            @FormParam("contains") String contains, @FormParam(ConsoleUser.CSRF_FIELD) String csrf) {
        Response refused = pages.csrfRefused(csrf);
        if (refused != null) {
            return refused;
        }
        if (blank(partner) == null && blank(queue) == null && blank(contains) == null) {
            return ConsolePages.seeOther("/console/operations?state=open&done=need-filter");
        }
        String described = describe(partner, queue, contains);
        ReplayJobs.Job job = jobs.start(filter(partner, queue, contains, "open"), described, users.name());
        return ConsolePages.seeOther("/console/operations/replays/" + job.id);
    }

    @GET
    @Path("/replays/{id}")
    public Response progress(@PathParam("id") String id) {
        return jobs.find(id).map(j -> Response.ok(replayPage.data("user", users.current()).data("job", j)).build())
                .orElseGet(() -> pages.notFound("重放任务 " + id));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return pages.forbidden();
    }

    private static DeadLetters.Filter filter(String partner, String queue, String contains, String state) {
        Boolean resolved = switch (state == null ? "open" : state) {
            case "resolved" -> Boolean.TRUE;
            case "all" -> null;
            default -> Boolean.FALSE;
        };
        return new DeadLetters.Filter(blank(partner), blank(queue), null, null, resolved, blank(contains));
    }

    private static String describe(String partner, String queue, String contains) {
        List<String> parts = new ArrayList<>();
        if (blank(partner) != null) {
            parts.add("系统 " + partner.strip());
        }
        if (blank(queue) != null) {
            parts.add("队列 " + queue.strip());
        }
        if (blank(contains) != null) {
            parts.add("包含“" + contains.strip() + "”");
        }
        return String.join("，", parts);
    }

    private static String query(String partner, String queue, String contains, String state) {
        return "partner=" + enc(partner) + "&queue=" + enc(queue) + "&contains=" + enc(contains) + "&state="
                + enc(state == null ? "open" : state);
    }

    /** Back to the page the form was on; never anywhere outside this page. */
    private static String back(String back) {
        return back != null && back.startsWith("/console/operations?") && !back.contains("//") ? back
                : "/console/operations?state=open";
    }

    private static String enc(String s) {
        return s == null ? "" : URLEncoder.encode(s.strip(), StandardCharsets.UTF_8);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
