package cn.approvalbridge.hub.keyprojects;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.api.Bodies;
import cn.approvalbridge.hub.platform.api.Callers;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.JsonInput;

/**
 * A key project's monthly progress, as the window reports it for the unit: {@code month} (YYYY-MM, from the month the
 * project was coded to the current one), {@code physicalProgress} (形象进度, text), {@code investmentCompleted} (the
 * month's completed investment in 10k yuan, 0 or more), {@code problems} (optional). 202 new, 200 the same again or a
 * correction, 409 once the month's row went to the key-project platform.
 */
@Path("/api/v1/projects/{projectCode}/progress")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KeyProjectResource {

    private static final Pattern MONTH = Pattern.compile("^\\d{4}-(0[1-9]|1[0-2])$");
    /** The staging column's bounds, as for totalInvestment. */
    private static final BigDecimal MAX_INVESTMENT = new BigDecimal("1000000000000");

    @Inject
    Bodies bodies;
    @Inject
    Declarations declarations;
    @Inject
    KeyProjects projects;
    @Inject
    Deadlines deadlines;
    @Inject
    ObjectMapper json;

    @POST
    @RolesAllowed(Callers.WINDOW)
    public Response report(@PathParam("projectCode") String projectCode, String body) throws Exception {
        Declarations.Row project = declarations.findByProjectCode(projectCode)
                .orElseThrow(() -> new ApiException(404, "projectCode", "not_found", "no project " + projectCode));
        if (project.keyProject() == null) {
            throw new ApiException(409, "projectCode", "not_a_key_project",
                    "project " + projectCode + " is no key project (its declaration has no keyProject level)");
        }
        JsonNode tree = bodies.object(body);
        JsonInput input = new JsonInput();
        String monthText = input.matching(tree, "month", "month", 7, MONTH, "a month like 2026-03");
        YearMonth month = monthText == null ? null : YearMonth.parse(monthText);
        YearMonth coded = YearMonth.from(project.codeAssignedAt().atZoneSameInstant(ChinaTime.ZONE));
        YearMonth current = YearMonth.from(deadlines.today());
        if (month != null && (month.isBefore(coded) || month.isAfter(current))) {
            input.add("month", "out_of_range", "from " + coded + " (the project's code) to " + current);
            month = null;
        }
        String progress = input.text(tree, "physicalProgress", "physicalProgress", 2000);
        BigDecimal investment = investment(input, tree.get("investmentCompleted"));
        String problems = input.optionalText(tree, "problems", "problems", 2000);
        Bodies.check(input);
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("projectCode", projectCode);
        canonical.put("month", month.toString());
        canonical.put("physicalProgress", progress);
        canonical.put("investmentCompleted", investment);
        canonical.put("problems", problems);
        KeyProjects.Outcome outcome = projects.report(project, month, progress, investment, problems,
                json.writeValueAsString(canonical));
        Map<String, Object> answer = new LinkedHashMap<>(canonical);
        answer.put("status", outcome.name());
        return switch (outcome) {
            case CREATED -> Response.accepted(answer).build();
            case SAME, UPDATED -> Response.ok(answer).build();
            case ALREADY_REPORTED -> throw new ApiException(409, "month", "already_reported",
                    "the row of " + month + " went to the key-project platform already");
        };
    }

    /** 0 or more, 10k yuan, with at most 4 decimals (the column's). */
    private static BigDecimal investment(JsonInput input, JsonNode n) {
        String path = "investmentCompleted";
        if (JsonInput.missing(n)) {
            input.add(path, "required", "is required");
        } else if (!n.isNumber()) {
            input.add(path, "not_a_number", "a number (10k yuan)");
        } else if (n.decimalValue().signum() < 0) {
            input.add(path, "must_not_be_negative", "0 or more (10k yuan)");
        } else if (n.decimalValue().compareTo(MAX_INVESTMENT) > 0) {
            input.add(path, "too_large", "at most " + MAX_INVESTMENT.toPlainString() + " (10k yuan)");
        } else if (n.decimalValue().stripTrailingZeros().scale() > 4) {
            input.add(path, "too_precise", "at most 4 decimals");
        } else {
            return n.decimalValue();
        }
        return null;
    }
}
