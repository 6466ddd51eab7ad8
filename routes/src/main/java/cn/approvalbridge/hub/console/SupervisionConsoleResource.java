package cn.approvalbridge.hub.console;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.api.Callers;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.projectview.ZhFormat;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;

/**
 * The supervisors' board (督查看板): overdue projects by department (bar chart), projects by step (funnel), the month's
 * department ranking (table and chart, bottom three marked, their streak; any month, final or figures so far), the
 * open 13710 cases, key projects without their monthly progress, the commitment checks. Every count links to the
 * ledger filtered to it ({@link LedgerView}); every table is a CSV file too.
 */
@Path("/console/supervision")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Callers.SUPERVISOR, Callers.OPERATOR })
public class SupervisionConsoleResource {

    @Inject
    SupervisionBoard board;
    @Inject
    RankingView rankings;
    @Inject
    ConsoleUser users;
    @Inject
    ConsolePages pages;
    @Inject
    Deadlines deadlines;

    @Location("console/supervision.html")
    Template page;

    @GET
    public Response board(@QueryParam("month") String month) {
        YearMonth m;
        try {
            m = rankings.month(month);
        } catch (ApiException e) {
            return pages.badRequest(e);
        }
        SupervisionBoard.LedgerFigures ledger = board.ledgerFigures();
        RankingView.Ranking ranking = rankings.ranking(m);
        List<SvgCharts.Bar> overdue = new ArrayList<>();
        ledger.departments().forEach(d -> overdue.add(SvgCharts.Bar.of(d.name(), d.projects(), d.href(), false)));
        List<SvgCharts.Bar> steps = new ArrayList<>();
        ledger.steps().forEach(s -> steps.add(SvgCharts.Bar.of(s.label(), s.projects(), s.href(), false)));
        List<SupervisionBoard.OpenCase> cases = board.openCases();
        List<SupervisionBoard.MissingProgress> missing = board.missingProgress();
        int overdueTotal = ledger.departments().stream().mapToInt(SupervisionBoard.DepartmentOverdue::projects).sum();
        return Response.ok(page.data("user", users.current()).data("ledger", ledger)
                .data("overdueTotal", overdueTotal)
                .data("overdueChart", SvgCharts.bars("overdue-chart", "各部门超期项目数",
                        "每个部门参与审查、且在该部门的时限上已超期的项目数；点击数字查看台账。", overdue, 0))
                .data("stepChart", SvgCharts.funnel("step-chart", "各环节项目数（漏斗）",
                        "从立项预审到办结，当前处于每个环节的项目数；点击数字查看台账。", steps))
                .data("ranking", ranking).data("rankingChart", RankingView.chart(ranking))
                .data("cases", cases).data("casesText", ZhFormat.number(cases.size()))
                .data("missing", missing).data("progressMonth", SupervisionBoard.monthText(board.progressMonth()))
                .data("checks", board.checks()).data("today", ZhFormat.date(deadlines.today()))).build();
    }

    /** One table of the board as CSV: overdue, steps, ranking (?month=), cases, key-projects, commitments. */
    @GET
    @Path("/{table}.csv")
    @Produces({ "text/csv", MediaType.TEXT_HTML })
    public Response csv(@PathParam("table") String table, @QueryParam("month") String month) {
        return switch (table) {
            case "overdue" -> SupervisionCsv.overdue(board.ledgerFigures());
            case "steps" -> SupervisionCsv.steps(board.ledgerFigures());
            case "ranking" -> {
                try {
                    yield SupervisionCsv.ranking(rankings.ranking(rankings.month(month)));
                } catch (ApiException e) {
                    yield pages.badRequest(e);
                }
            }
            case "cases" -> SupervisionCsv.cases(board.openCases());
            case "key-projects" -> SupervisionCsv.missingProgress(board.missingProgress());
            case "commitments" -> SupervisionCsv.checks(board.checks());
            default -> pages.notFound("表格 " + table);
        };
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return pages.forbidden();
    }
}
