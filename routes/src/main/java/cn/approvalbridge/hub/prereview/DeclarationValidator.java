package cn.approvalbridge.hub.prereview;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.hub.platform.api.Bodies;
import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.support.CreditCode;
import cn.approvalbridge.support.JsonInput;
import cn.approvalbridge.support.Mobile;

/**
 * Checks a declaration body field by field and reports every broken rule at once, with stable codes partners can branch
 * on. Written by hand rather than with bean validation so that codes, nested paths ({@code unit.contactMobile},
 * {@code preReviewDepartments[1]}) and type errors (a number sent as text) come out the same every time.
 */
@ApplicationScoped
public class DeclarationValidator {

    public static final Pattern DECLARATION_ID = JsonInput.ID;
    /** Fits the staging database's ZTZE DECIMAL(18, 4) with room to spare: 10^12 x 10k yuan. */
    private static final BigDecimal MAX_INVESTMENT = new BigDecimal("1000000000000");
    private static final Pattern SIX_DIGITS = Pattern.compile("^\\d{6}$");
    private static final Pattern TWO_DIGITS = Pattern.compile("^\\d{2}$");
    private static final Pattern YEAR_MONTH = Pattern.compile("^\\d{4}-\\d{2}$");
    static final Set<String> APPROVAL_CLASSES = Set.of("APPROVAL", "VERIFICATION", "FILING");
    static final Set<String> NATURES = Set.of("NEW", "EXPANSION", "RECONSTRUCTION", "RELOCATION");

    @Inject
    Departments departments;

    /** The declaration in {@code body} (a JSON object), or 400 naming every broken rule. */
    public Declaration validate(JsonNode body) {
        JsonInput input = new JsonInput();
        String declarationId = input.id(body, "declarationId", "declarationId");
        String projectName = input.text(body, "projectName", 200);
        String approvalClass = input.oneOf(body, "approvalClass", "approvalClass", APPROVAL_CLASSES, null);
        String regionCode = input.matching(body, "regionCode", "regionCode", 40, SIX_DIGITS,
                "six digits (GB/T 2260 region code)");
        String departmentCode = input.matching(body, "departmentCode", "departmentCode", 40, TWO_DIGITS,
                "two digits (central business-guidance department code)");
        String projectTypeCode = input.matching(body, "projectTypeCode", "projectTypeCode", 40, TWO_DIGITS,
                "two digits (project type code)");
        String nature = input.oneOf(body, "constructionNature", "constructionNature", NATURES, null);
        String site = input.text(body, "site", 500);
        BigDecimal investment = investment(body, input);
        YearMonth start = yearMonth(body, "plannedStart", input);
        YearMonth finish = yearMonth(body, "plannedFinish", input);
        if (start != null && finish != null && finish.isBefore(start)) {
            input.add("plannedFinish", "before_start", "must not be before plannedStart");
        }
        String scale = input.text(body, "scale", 2000);
        Declaration.Unit unit = unit(body, input);
        List<String> depts = departments(body, input);
        String projectClass = optionalOneOf(body, "projectClass", Declaration.PROJECT_CLASSES, input);
        String projectList = optionalOneOf(body, "projectList", Declaration.PROJECT_LISTS, input);
        String keyProject = optionalOneOf(body, "keyProject", Declaration.KEY_PROJECT_LEVELS, input);
        Bodies.check(input);
        return new Declaration(declarationId, projectName, approvalClass, regionCode, departmentCode, projectTypeCode,
                nature, site, investment, start.toString(), finish.toString(), scale, unit, depts,
                projectClass != null ? projectClass : Declaration.defaultClass(approvalClass), projectList, keyProject);
    }

    private static BigDecimal investment(JsonNode body, JsonInput input) {
        return input.positive(body, "totalInvestment", "totalInvestment", MAX_INVESTMENT, 4, " (10k yuan, 万元)");
    }

    private static Declaration.Unit unit(JsonNode body, JsonInput input) {
        JsonNode u = body.get("unit");
        if (JsonInput.missing(u)) {
            input.add("unit", "required", "is required");
            return null;
        }
        if (!u.isObject()) {
            input.add("unit", "not_an_object", "the project unit must be an object");
            return null;
        }
        String name = input.text(u, "name", "unit.name", 200);
        String creditCode = input.text(u, "creditCode", "unit.creditCode", 18);
        if (creditCode != null) {
            CreditCode.violation(creditCode).ifPresent(v -> {
                if (v.equals("format")) {
                    input.add("unit.creditCode", "invalid_credit_code",
                            "18 characters of 0–9 and A–Y without I, O, S, V, Z (GB 32100 unified social credit code)");
                } else {
                    input.add("unit.creditCode", "check_character",
                            "the 18th character does not match the GB 32100 check character");
                }
            });
        }
        String contactName = input.text(u, "contactName", "unit.contactName", 50);
        String mobile = null;
        JsonNode m = u.get("contactMobile");
        if (JsonInput.missing(m)) {
            input.add("unit.contactMobile", "required", "is required");
        } else if (!m.isTextual()) {
            input.add("unit.contactMobile", "not_a_string", "a mobile number as text");
        } else {
            mobile = Mobile.normalise(m.asText()).orElse(null);
            if (mobile == null) {
                input.add("unit.contactMobile", "invalid_mobile",
                        "a mainland mobile number: 11 digits 1[3-9]…, optionally +86/0086/86");
            }
        }
        return new Declaration.Unit(name, creditCode, contactName, mobile);
    }

    private List<String> departments(JsonNode body, JsonInput input) {
        List<String> depts = new ArrayList<>();
        JsonNode d = body.get("preReviewDepartments");
        if (JsonInput.missing(d)) {
            input.add("preReviewDepartments", "required", "is required");
        } else if (!d.isArray()) {
            input.add("preReviewDepartments", "not_an_array", "a list of department codes");
        } else if (d.isEmpty()) {
            input.add("preReviewDepartments", "empty", "name at least one department");
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < d.size(); i++) {
                String path = "preReviewDepartments[" + i + "]";
                JsonNode e = d.get(i);
                if (!e.isTextual()) {
                    input.add(path, "not_a_string", "a department code");
                } else if (!departments.isKnown(e.asText())) {
                    input.add(path, "unknown_department",
                            "'" + e.asText() + "' is not a configured department; known: " + departments.codes());
                } else if (!seen.add(e.asText())) {
                    input.add(path, "duplicate", "'" + e.asText() + "' is listed twice");
                } else {
                    depts.add(e.asText());
                }
            }
        }
        return List.copyOf(depts);
    }

    /** Absent or null: none; otherwise one of {@code allowed}. */
    private static String optionalOneOf(JsonNode body, String name, Set<String> allowed, JsonInput input) {
        return body.has(name) && !body.get(name).isNull() ? input.oneOf(body, name, name, allowed, null) : null;
    }

    /** A required month, YYYY-MM with a real month. */
    private static YearMonth yearMonth(JsonNode body, String name, JsonInput input) {
        String v = input.matching(body, name, name, 7, YEAR_MONTH, "YYYY-MM with a real month");
        if (v == null) {
            return null;
        }
        try {
            YearMonth ym = YearMonth.parse(v);
            if (ym.getYear() < JsonInput.MIN_YEAR || ym.getYear() > JsonInput.MAX_YEAR) {
                input.add(name, "out_of_range", "a month between " + JsonInput.MIN_YEAR + " and " + JsonInput.MAX_YEAR);
                return null;
            }
            return ym;
        } catch (DateTimeParseException e) {
            input.add(name, "format", "YYYY-MM with a real month");
            return null;
        }
    }
}
