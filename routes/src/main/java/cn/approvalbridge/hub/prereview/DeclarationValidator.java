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

import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.support.CreditCode;
import cn.approvalbridge.support.FieldError;
import cn.approvalbridge.support.Mobile;

/**
 * Checks a declaration body field by field and reports every broken rule at once, with stable codes partners can branch
 * on. Written by hand rather than with bean validation so that codes, nested paths ({@code unit.contactMobile},
 * {@code preReviewDepartments[1]}) and type errors (a number sent as text) come out the same every time.
 */
@ApplicationScoped
public class DeclarationValidator {

    public static final Pattern DECLARATION_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");
    private static final Pattern SIX_DIGITS = Pattern.compile("^\\d{6}$");
    private static final Pattern TWO_DIGITS = Pattern.compile("^\\d{2}$");
    private static final Pattern YEAR_MONTH = Pattern.compile("^\\d{4}-\\d{2}$");
    static final Set<String> APPROVAL_CLASSES = Set.of("APPROVAL", "VERIFICATION", "FILING");
    static final Set<String> NATURES = Set.of("NEW", "EXPANSION", "RECONSTRUCTION", "RELOCATION");

    @Inject
    Departments departments;

    public record Result(Declaration declaration, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public Result validate(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("$", "not_an_object", "the body must be a JSON object"));
            return new Result(null, errors);
        }
        String declarationId = text(body, "declarationId", "declarationId", 64, errors);
        if (declarationId != null && !DECLARATION_ID.matcher(declarationId).matches()) {
            errors.add(new FieldError("declarationId", "format", "1–64 characters of A–Z a–z 0–9 . _ : -"));
        }
        String projectName = text(body, "projectName", "projectName", 200, errors);
        String approvalClass = oneOf(body, "approvalClass", APPROVAL_CLASSES, errors);
        String regionCode = pattern(body, "regionCode", SIX_DIGITS, "six digits (GB/T 2260 region code)", errors);
        String departmentCode = pattern(body, "departmentCode", TWO_DIGITS,
                "two digits (central business-guidance department code)", errors);
        String projectTypeCode = pattern(body, "projectTypeCode", TWO_DIGITS, "two digits (project type code)", errors);
        String nature = oneOf(body, "constructionNature", NATURES, errors);
        String site = text(body, "site", "site", 500, errors);
        BigDecimal investment = null;
        JsonNode inv = body.get("totalInvestment");
        if (missing(inv)) {
            errors.add(required("totalInvestment"));
        } else if (!inv.isNumber()) {
            errors.add(new FieldError("totalInvestment", "not_a_number", "a number, in 10k yuan (万元)"));
        } else if (inv.decimalValue().signum() <= 0) {
            errors.add(new FieldError("totalInvestment", "must_be_positive", "must be greater than 0 (10k yuan)"));
        } else {
            investment = inv.decimalValue();
        }
        YearMonth start = yearMonth(body, "plannedStart", errors);
        YearMonth finish = yearMonth(body, "plannedFinish", errors);
        if (start != null && finish != null && finish.isBefore(start)) {
            errors.add(new FieldError("plannedFinish", "before_start", "must not be before plannedStart"));
        }
        String scale = text(body, "scale", "scale", 2000, errors);

        Declaration.Unit unit = null;
        JsonNode u = body.get("unit");
        if (missing(u)) {
            errors.add(required("unit"));
        } else if (!u.isObject()) {
            errors.add(new FieldError("unit", "not_an_object", "the project unit must be an object"));
        } else {
            String name = text(u, "name", "unit.name", 200, errors);
            String creditCode = text(u, "creditCode", "unit.creditCode", 18, errors);
            if (creditCode != null) {
                CreditCode.violation(creditCode).ifPresent(v -> errors.add(v.equals("format")
                        ? new FieldError("unit.creditCode", "invalid_credit_code",
                                "18 characters of 0–9 and A–Y without I, O, S, V, Z (GB 32100 unified social credit code)")
                        : new FieldError("unit.creditCode", "check_character",
                                "the 18th character does not match the GB 32100 check character")));
            }
            String contactName = text(u, "contactName", "unit.contactName", 50, errors);
            String mobile = null;
            JsonNode m = u.get("contactMobile");
            if (missing(m)) {
                errors.add(required("unit.contactMobile"));
            } else if (!m.isTextual()) {
                errors.add(new FieldError("unit.contactMobile", "not_a_string", "a mobile number as text"));
            } else {
                mobile = Mobile.normalise(m.asText()).orElse(null);
                if (mobile == null) {
                    errors.add(new FieldError("unit.contactMobile", "invalid_mobile",
                            "a mainland mobile number: 11 digits 1[3-9]…, optionally +86/0086/86"));
                }
            }
            unit = new Declaration.Unit(name, creditCode, contactName, mobile);
        }

        List<String> depts = new ArrayList<>();
        JsonNode d = body.get("preReviewDepartments");
        if (missing(d)) {
            errors.add(required("preReviewDepartments"));
        } else if (!d.isArray()) {
            errors.add(new FieldError("preReviewDepartments", "not_an_array", "a list of department codes"));
        } else if (d.isEmpty()) {
            errors.add(new FieldError("preReviewDepartments", "empty", "name at least one department"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < d.size(); i++) {
                String path = "preReviewDepartments[" + i + "]";
                JsonNode e = d.get(i);
                if (!e.isTextual()) {
                    errors.add(new FieldError(path, "not_a_string", "a department code"));
                } else if (!departments.isKnown(e.asText())) {
                    errors.add(new FieldError(path, "unknown_department",
                            "'" + e.asText() + "' is not a configured department; known: " + departments.codes()));
                } else if (!seen.add(e.asText())) {
                    errors.add(new FieldError(path, "duplicate", "'" + e.asText() + "' is listed twice"));
                } else {
                    depts.add(e.asText());
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new Declaration(declarationId, projectName, approvalClass, regionCode, departmentCode,
                projectTypeCode, nature, site, investment, start.toString(), finish.toString(), scale, unit,
                List.copyOf(depts)), errors);
    }

    static boolean missing(JsonNode n) {
        return n == null || n.isNull() || (n.isTextual() && n.asText().isBlank());
    }

    static FieldError required(String field) {
        return new FieldError(field, "required", "is required");
    }

    static String text(JsonNode parent, String name, String path, int max, List<FieldError> errors) {
        JsonNode n = parent.get(name);
        if (missing(n)) {
            errors.add(required(path));
            return null;
        }
        if (!n.isTextual()) {
            errors.add(new FieldError(path, "not_a_string", "must be text"));
            return null;
        }
        String v = n.asText().strip();
        if (v.length() > max) {
            errors.add(new FieldError(path, "too_long", "at most " + max + " characters"));
            return null;
        }
        return v;
    }

    private static String oneOf(JsonNode body, String name, Set<String> allowed, List<FieldError> errors) {
        String v = text(body, name, name, 40, errors);
        if (v != null && !allowed.contains(v)) {
            errors.add(new FieldError(name, "not_allowed", "one of " + new java.util.TreeSet<>(allowed)));
            return null;
        }
        return v;
    }

    private static String pattern(JsonNode body, String name, Pattern p, String rule, List<FieldError> errors) {
        String v = text(body, name, name, 40, errors);
        if (v != null && !p.matcher(v).matches()) {
            errors.add(new FieldError(name, "format", rule));
            return null;
        }
        return v;
    }

    private static YearMonth yearMonth(JsonNode body, String name, List<FieldError> errors) {
        String v = text(body, name, name, 7, errors);
        if (v == null) {
            return null;
        }
        if (YEAR_MONTH.matcher(v).matches()) {
            try {
                return YearMonth.parse(v);
            } catch (DateTimeParseException e) {
                // falls through to the error below
            }
        }
        errors.add(new FieldError(name, "format", "YYYY-MM with a real month"));
        return null;
    }
}
