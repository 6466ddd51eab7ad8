package cn.approvalbridge.codeassignment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import cn.approvalbridge.support.FieldError;

/**
 * Checks an {@link AssignCodeRequest} and reports every broken rule at once, at most one per field: the shape rule
 * first (a code that is not six or two digits is not looked up), then membership of the code lists.
 */
public final class RequestValidator {

    public static final int DECLARATION_ID_MAX = 64;
    static final Pattern DECLARATION_ID_CHARS = Pattern.compile("[A-Za-z0-9._:-]+");

    private final ReferenceData data;

    public RequestValidator(ReferenceData data) {
        this.data = data;
    }

    public List<FieldError> validate(AssignCodeRequest request) {
        AssignCodeRequest r = request == null ? new AssignCodeRequest() : request;
        List<FieldError> errors = new ArrayList<>(4);
        declarationId(r.declarationId, errors);
        code("regionCode", r.regionCode, ReferenceData.SIX_DIGITS, "six digits (GB/T 2260 region code, e.g. 610113)",
                data::isKnownRegion, ErrorCodes.UNKNOWN_REGION, this::unknownRegion, errors);
        code("departmentCode", r.departmentCode, ReferenceData.TWO_DIGITS,
                "two digits (central business-guidance department code, GB/T 40058 §4.4, e.g. 89)",
                data::isKnownDepartment, ErrorCodes.UNKNOWN_DEPARTMENT,
                v -> "departmentCode " + v + " is not on the department code list", errors);
        code("projectTypeCode", r.projectTypeCode, ReferenceData.TWO_DIGITS,
                "two digits (project type code, GB/T 40058 §4.5, e.g. 01)", data::isKnownProjectType,
                ErrorCodes.UNKNOWN_PROJECT_TYPE, v -> "projectTypeCode " + v + " is not on the project type code list",
                errors);
        return errors;
    }

    private static void declarationId(String value, List<FieldError> errors) {
        String field = "declarationId";
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(field, ErrorCodes.REQUIRED, "declarationId is required: the caller's id of the declaration"));
        } else if (value.length() > DECLARATION_ID_MAX) {
            errors.add(new FieldError(field, ErrorCodes.TOO_LONG,
                    "declarationId has " + value.length() + " characters; at most " + DECLARATION_ID_MAX + " are allowed"));
        } else if (!DECLARATION_ID_CHARS.matcher(value).matches()) {
            errors.add(new FieldError(field, ErrorCodes.INVALID_CHARACTERS,
                    "declarationId may hold only letters A-Z a-z, digits and . _ : -"));
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

    private static void code(String field, String value, Pattern shape, String shapeText,
            java.util.function.Predicate<String> known, String unknownCode,
            java.util.function.Function<String, String> unknownMessage, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, ErrorCodes.REQUIRED, field + " is required: " + shapeText));
        } else if (!shape.matcher(value).matches()) {
            errors.add(new FieldError(field, ErrorCodes.INVALID_FORMAT, field + " must be " + shapeText));
        } else if (!known.test(value)) {
            errors.add(new FieldError(field, unknownCode, unknownMessage.apply(value)));
        }
    }
}
