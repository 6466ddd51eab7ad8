package cn.approvalbridge.hub.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.api.Callers;
import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.hub.projectview.ZhFormat;
import cn.approvalbridge.hub.supervision.Ledger;
import cn.approvalbridge.hub.supervision.LedgerQuery;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.security.ForbiddenException;

/**
 * The ledger filtered as a number of the board counts it (the filters and their checks of {@code GET /api/v1/projects}),
 * a page at a time, and the whole selection as CSV.
 */
@Path("/console/supervision/ledger")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Callers.SUPERVISOR, Callers.OPERATOR })
public class LedgerView {

    static final int CSV_MAX_ROWS = 10_000;

    @TemplateData
    public record Row(String declarationId, String projectCode, String projectName, String step, String declaredAt,
            String dueBy, Integer daysLeft, boolean overdue, String departments, String late, String href) {
    }

    @TemplateData
    public record Option(String value, String label, boolean selected) {
    }

    @Inject
    Ledger ledger;
    @Inject
    Departments departments;
    @Inject
    ConsoleUser users;
    @Inject
    ConsolePages pages;

    @Location("console/ledger.html")
    Template page;

    @GET
    public Response list(@QueryParam("step") String step, @QueryParam("department") String department,
            @QueryParam("overdue") String overdue, @QueryParam("keyProject") String keyProject,
            @QueryParam("q") String q, @QueryParam("page") String pageNo) {
        LedgerQuery query;
        try {
            query = LedgerQuery.parse(step, department, overdue, null, null, keyProject, null, null, q, pageNo, "50",
                    null, new HashSet<>(departments.codes()));
        } catch (ApiException e) {
            return pages.badRequest(e);
        }
        Ledger.Page p = ledger.page(query);
        ConsoleUser.User user = users.current();
        List<Row> rows = new ArrayList<>();
        for (Ledger.Entry e : p.items()) {
            String key = e.projectCode() != null ? e.projectCode() : e.declarationId();
            rows.add(new Row(e.declarationId(), e.projectCode(), e.projectName(),
                    SupervisionBoard.STEPS.getOrDefault(e.step(), e.step()), declared(e), dueBy(e), e.limit().daysLeft(),
                    e.overdue(), e.departments().stream().map(departments::name).collect(Collectors.joining("、")),
                    lateText(e), user.window() || user.operator() ? "/console/projects/" + key : null));
        }
        String filter = query(step, department, overdue, keyProject, q);
        int pages = Math.max(1, (p.total() + p.size() - 1) / p.size());
        return Response.ok(page.data("user", user).data("rows", rows).data("total", p.total())
                .data("totalText", ZhFormat.number(p.total())).data("described", describe(query))
                .data("csv", "/console/supervision/ledger/export.csv?" + filter).data("page", p.page()).data("pages", pages)
                .data("prev", p.page() > 1 ? "?" + filter + "&page=" + (p.page() - 1) : null)
                .data("next", p.page() < pages ? "?" + filter + "&page=" + (p.page() + 1) : null)
                .data("stepOptions", SupervisionBoard.STEPS.entrySet().stream()
                        .map(s -> new Option(s.getKey(), s.getValue(), s.getKey().equals(query.step()))).toList())
                .data("departmentOptions", departments.codes().stream()
                        .map(c -> new Option(c, departments.name(c), c.equals(query.department()))).toList())
                .data("overdue", "true".equals(overdue)).data("keyProject", blank(keyProject)).data("q", blank(q)))
                .build();
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    public Response csv(@QueryParam("step") String step, @QueryParam("department") String department,
            @QueryParam("overdue") String overdue, @QueryParam("keyProject") String keyProject,
            @QueryParam("q") String q) {
        LedgerQuery query;
        try {
            query = LedgerQuery.parse(step, department, overdue, null, null, keyProject, null, null, q, null, null,
                    null, new HashSet<>(departments.codes()));
        } catch (ApiException e) {
            return pages.badRequest(e);
        }
        List<Ledger.Entry> all = ledger.select(query);
        return SupervisionCsv.ledger(all.subList(0, Math.min(all.size(), CSV_MAX_ROWS)));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return pages.forbidden();
    }

    /** The filters in words, for the page's heading. */
    String describe(LedgerQuery q) {
        List<String> parts = new ArrayList<>();
        if (q.department() != null) {
            parts.add("部门：" + departments.name(q.department()));
        }
        if (q.step() != null) {
            parts.add("环节：" + SupervisionBoard.STEPS.get(q.step()));
        }
        if (Boolean.TRUE.equals(q.overdue())) {
            parts.add(q.department() != null ? "该部门有超期事项" : "已超期");
        } else if (Boolean.FALSE.equals(q.overdue())) {
            parts.add("未超期");
        }
        if (q.keyProject() != null) {
            parts.add("重点项目：" + SupervisionBoard.LEVELS.get(q.keyProject()));
        }
        if (q.q() != null) {
            parts.add("包含“" + q.q() + "”");
        }
        return parts.isEmpty() ? "全部项目" : String.join("；", parts);
    }

    static String declared(Ledger.Entry e) {
        return ZhFormat.time(e.declaredAt());
    }

    static String dueBy(Ledger.Entry e) {
        return ZhFormat.date(e.limit().dueBy());
    }

    /** The overdue department limits: "生态环境局 立项预审 应于2026年3月9日，超期 3 个工作日". */
    static String lateText(Ledger.Entry e) {
        return e.overdueItems().stream().map(i -> i.departmentName() + " " + phase(i.phase())
                + (i.itemCode() == null ? "" : " " + i.itemCode()) + " 应于" + ZhFormat.date(i.dueBy()) + "，超期 "
                + i.overdueDays() + " 个工作日").collect(Collectors.joining("；"));
    }

    private static String phase(String phase) {
        return switch (phase) {
            case "PRE_REVIEW" -> "立项预审";
            case "ITEM_LIST" -> "告知审批事项";
            case "REVIEW" -> "材料审查";
            case "APPROVAL" -> "审批办理";
            default -> phase;
        };
    }

    private static String query(String step, String department, String overdue, String keyProject, String q) {
        return "step=" + enc(step) + "&department=" + enc(department) + "&overdue=" + enc(overdue) + "&keyProject="
                + enc(keyProject) + "&q=" + enc(q);
    }

    private static String enc(String s) {
        return s == null ? "" : URLEncoder.encode(s.strip(), StandardCharsets.UTF_8);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
