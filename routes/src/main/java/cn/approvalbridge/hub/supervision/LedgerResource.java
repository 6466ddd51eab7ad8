package cn.approvalbridge.hub.supervision;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.api.Callers;
import cn.approvalbridge.hub.platform.directory.Departments;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The ledger of every declared project (台账), for the window, the operators and the supervisors; a department sees
 * the projects it reviews. JSON pages, or the whole selection as CSV (Accept: text/csv, at most
 * {@value #CSV_MAX_ROWS} rows) for a spreadsheet.
 */
@Path("/api/v1/projects")
public class LedgerResource {

    static final int CSV_MAX_ROWS = 10_000;

    @Inject
    Ledger ledger;

    @Inject
    Departments departments;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @RolesAllowed({ Callers.WINDOW, Callers.OPERATOR, Callers.SUPERVISOR, Callers.DEPARTMENT })
    @Operation(summary = "The ledger of every declared project", description = "Filters step, department, overdue, "
            + "projectClass, projectList, keyProject, declaredFrom/declaredTo (YYYY-MM-DD, inclusive), q (name or code); "
            + "page (from 1), size (1-500, default 20); sort (declaredAt, dueBy, daysLeft, projectName, projectCode, "
            + "declarationId, overdueItems; '-' in front for descending, default -declaredAt)")
    public Response get(@QueryParam("step") String step, @QueryParam("department") String department,
            @QueryParam("overdue") String overdue, @QueryParam("projectClass") String projectClass,
            @QueryParam("projectList") String projectList, @QueryParam("keyProject") String keyProject,
            @QueryParam("declaredFrom") String declaredFrom, @QueryParam("declaredTo") String declaredTo,
            @QueryParam("q") String q, @QueryParam("page") String page, @QueryParam("size") String size,
            @QueryParam("sort") String sort, @Context HttpHeaders headers) {
        if (Csv.wanted(headers)) {
            return csv(step, department, overdue, projectClass, projectList, keyProject, declaredFrom, declaredTo, q, sort);
        }
        LedgerQuery query = query(step, department, overdue, projectClass, projectList, keyProject, declaredFrom,
                declaredTo, q, page, size, sort);
        Ledger.Page p = ledger.page(query);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("items", p.items().stream().map(Ledger::json).collect(Collectors.toList()));
        v.put("page", p.page());
        v.put("size", p.size());
        v.put("total", p.total());
        return Response.ok(v, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Response csv(@QueryParam("step") String step, @QueryParam("department") String department,
            @QueryParam("overdue") String overdue, @QueryParam("projectClass") String projectClass,
            @QueryParam("projectList") String projectList, @QueryParam("keyProject") String keyProject,
            @QueryParam("declaredFrom") String declaredFrom, @QueryParam("declaredTo") String declaredTo,
            @QueryParam("q") String q, @QueryParam("sort") String sort) {
        LedgerQuery query = query(step, department, overdue, projectClass, projectList, keyProject, declaredFrom,
                declaredTo, q, null, null, sort);
        List<Ledger.Entry> all = ledger.select(query);
        List<List<Object>> rows = new ArrayList<>();
        for (Ledger.Entry e : all.subList(0, Math.min(all.size(), CSV_MAX_ROWS))) {
            Map<String, Object> j = Ledger.json(e);
            String late = e.overdueItems().stream()
                    .map(i -> i.departmentName() + "(" + i.departmentCode() + ") " + i.phase()
                            + (i.itemCode() == null ? "" : " " + i.itemCode()) + " 应于" + i.dueBy() + " 超期"
                            + i.overdueDays() + "个工作日")
                    .collect(Collectors.joining("；"));
            rows.add(List.of(e.declarationId(), nz(e.projectCode()), e.projectName(), e.step(), e.status(),
                    e.projectClass(), nz(e.projectList()), nz(e.keyProject()), j.get("declaredAt"), j.get("dueBy"),
                    nz(e.limit().daysLeft()), e.overdue(), String.join(",", e.departments()), late));
        }
        String body = Csv.of(List.of("declarationId", "projectCode", "projectName", "step", "status", "projectClass",
                "projectList", "keyProject", "declaredAt", "dueBy", "daysLeft", "overdue", "departments",
                "overdueItems"), rows);
        return Response.ok(body, Csv.MEDIA_TYPE).header("X-Total-Count", all.size())
                .header("Content-Disposition", "attachment; filename=\"projects.csv\"").build();
    }

    private static Object nz(Object v) {
        return v == null ? "" : v;
    }

    /** A department is held to the projects it reviews: naming another is 403. */
    private LedgerQuery query(String step, String department, String overdue, String projectClass, String projectList,
            String keyProject, String declaredFrom, String declaredTo, String q, String page, String size, String sort) {
        var own = Callers.department(identity);
        if (own.isPresent()) {
            if (LedgerQuery.present(department) && !department.equals(own.get())) {
                throw new ApiException(403, "department", "not_your_department",
                        "dept-" + own.get() + " sees only the projects department " + own.get() + " reviews");
            }
            department = own.get();
        }
        return LedgerQuery.parse(step, department, overdue, projectClass, projectList, keyProject, declaredFrom,
                declaredTo, q, page, size, sort, new HashSet<>(departments.codes()));
    }
}
