package cn.approvalbridge.hub.supervision;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.api.Callers;
import cn.approvalbridge.hub.platform.deadline.Deadlines;

/** The monthly ranking of the departments (排队通报), JSON or CSV, for the supervisors, the operators and the window. */
@Path("/api/v1/reports/department-ranking")
public class RankingResource {

    private static final Pattern MONTH = Pattern.compile("^\\d{4}-\\d{2}$");

    @Inject
    RankingReports reports;

    @Inject
    Deadlines deadlines;

    @GET
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @RolesAllowed({ Callers.SUPERVISOR, Callers.OPERATOR, Callers.WINDOW })
    @Operation(summary = "The departments' ranking of a month (YYYY-MM, default the current one)", description =
            "final: false until it is fixed on the 10th of the next month; then as kept, whatever happens later")
    public Response get(@QueryParam("month") String month, @Context HttpHeaders headers) {
        JsonNode r = reports.report(month(month));
        return Csv.wanted(headers) ? csv(r) : Response.ok(r, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Response csv(JsonNode r) {
        List<String> fields = List.of("rank", "departmentCode", "name", "handled", "onTime", "overdue", "overdueOpen",
                "onTimeRate", "averageWorkingDaysUsed", "averageLimitWorkingDays", "escalations", "bottomThree",
                "bottomThreeMonths", "calledToExplain");
        List<String> header = new ArrayList<>(List.of("month", "final"));
        header.addAll(fields);
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode d : r.path("departments")) {
            List<Object> row = new ArrayList<>(List.of(r.path("month").asText(), r.path("final").asBoolean()));
            for (String f : fields) {
                row.add(d.path(f).isNull() ? "" : d.path(f).asText());
            }
            rows.add(row);
        }
        return Response.ok(Csv.of(header, rows), Csv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"department-ranking-" + r.path("month").asText()
                        + ".csv\"").build();
    }

    private YearMonth month(String month) {
        YearMonth now = YearMonth.from(deadlines.today());
        if (month == null || month.isBlank()) {
            return now;
        }
        YearMonth m;
        try {
            if (!MONTH.matcher(month).matches()) {
                throw new DateTimeParseException("not YYYY-MM", month, 0);
            }
            m = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "month", "format", "YYYY-MM with a real month");
        }
        if (m.isAfter(now) || m.getYear() < 2000) {
            throw new ApiException(400, "month", "out_of_range", "a month from 2000-01 to the current one (" + now + ")");
        }
        return m;
    }
}
