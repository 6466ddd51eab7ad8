package cn.approvalbridge.codeassignment;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import cn.approvalbridge.support.FieldError;
import cn.approvalbridge.support.JsonInput;

/**
 * Checks an {@link AssignCodeRequest} and reports every broken rule at once, at most one per field: the shape rule
 * first (a code that is not six or two digits is not looked up), then membership of the code lists. The errors are
 * collected in a {@link JsonInput}, as every JSON request of the hub and the functions is; the rules and their codes
 * ({@link ErrorCodes}) are this API's own.
 */
public final class RequestValidator {

    public static final int DECLARATION_ID_MAX = 64;
    static final Pattern DECLARATION_ID_CHARS = Pattern.compile("[A-Za-z0-9._:-]+");

    /** A code field: its shape, then the list it must be on. */
    private record CodeRule(String field, Pattern shape, String shapeText, Predicate<String> known, String unknownCode,
            Function<String, String> unknownMessage) {
    }

    private final ReferenceData data;

    private final CodeRule region;
    private final CodeRule department;
    private final CodeRule projectType;

    public RequestValidator(ReferenceData data) {
        this.data = data;
        this.region = new CodeRule("regionCode", ReferenceData.SIX_DIGITS,
                "six digits (GB/T 2260 region code, e.g. 610113)", data::isKnownRegion, ErrorCodes.UNKNOWN_REGION,
                this::unknownRegion);
        this.department = new CodeRule("departmentCode", ReferenceData.TWO_DIGITS,
                "two digits (central business-guidance department code, GB/T 40058 §4.4, e.g. 89)",
                data::isKnownDepartment, ErrorCodes.UNKNOWN_DEPARTMENT,
                v -> "departmentCode " + v + " is not on the department code list");
        this.projectType = new CodeRule("projectTypeCode", ReferenceData.TWO_DIGITS,
                "two digits (project type code, GB/T 40058 §4.5, e.g. 01)", data::isKnownProjectType,
                ErrorCodes.UNKNOWN_PROJECT_TYPE, v -> "projectTypeCode " + v + " is not on the project type code list");
    }

    public List<FieldError> validate(AssignCodeRequest request) {
        AssignCodeRequest r = request == null ? new AssignCodeRequest() : request;
        JsonInput input = new JsonInput();
        declarationId(r.declarationId, input);
        code(region, r.regionCode, input);
        code(department, r.departmentCode, input);
        code(projectType, r.projectTypeCode, input);
        return input.errors();
    }

    private static void declarationId(String value, JsonInput input) {
        String field = "declarationId";
        if (value == null || value.isEmpty()) {
            input.add(field, ErrorCodes.REQUIRED, "declarationId is required: the caller's id of the declaration");
        } else if (value.length() > DECLARATION_ID_MAX) {
            input.add(field, ErrorCodes.TOO_LONG,
                    "declarationId has " + value.length() + " characters; at most " + DECLARATION_ID_MAX + " are allowed");
        } else if (!DECLARATION_ID_CHARS.matcher(value).matches()) {
            input.add(field, ErrorCodes.INVALID_CHARACTERS,
                    "declarationId may hold only letters A-Z a-z, digits and . _ : -");
        }
    }

    /** A retired region keeps the code {@code unknown_region}; its message says why and what to do. */
    private String unknownRegion(String value) {
        if (data.isRetiredRegion(value)) {
            CodeList.Entry e = data.retiredRegions().get(value).orElseThrow();
            return "regionCode " + value + (e.name().isEmpty() ? "" : " (" + e.name() + ")")
                    + " is no longer offered for new project codes (" + e.source() + "); existing codes that carry it"
                    + " stay valid. Use the current code of the region";
        }
        return "regionCode " + value + " is on neither the GB/T 2260 region list nor the operators' additions";
    }

    private static void code(CodeRule rule, String value, JsonInput input) {
        String field = rule.field();
        if (value == null || value.isBlank()) {
            input.add(field, ErrorCodes.REQUIRED, field + " is required: " + rule.shapeText());
        } else if (!rule.shape().matcher(value).matches()) {
            input.add(field, ErrorCodes.INVALID_FORMAT, field + " must be " + rule.shapeText());
        } else if (!rule.known().test(value)) {
            input.add(field, rule.unknownCode(), rule.unknownMessage().apply(value));
        }
    }
}
