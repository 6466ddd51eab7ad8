package cn.approvalbridge.codeassignment;

/**
 * The stable error codes of the code-assignment API ({@code FieldError.code}); partners branch on them, so a code
 * is never renamed. The module README lists them with the field they are reported on.
 */
public final class ErrorCodes {

    /** The field is missing, null or blank. */
    public static final String REQUIRED = "required";
    /** declarationId longer than 64 characters. */
    public static final String TOO_LONG = "too_long";
    /** declarationId holds a character outside [A-Za-z0-9._:-]. */
    public static final String INVALID_CHARACTERS = "invalid_characters";
    /** regionCode not six digits, departmentCode or projectTypeCode not two digits. */
    public static final String INVALID_FORMAT = "invalid_format";
    /** A well-formed region code on neither the GB/T 2260 list nor the operators' additions. */
    public static final String UNKNOWN_REGION = "unknown_region";
    /** A well-formed department code not on the department list. */
    public static final String UNKNOWN_DEPARTMENT = "unknown_department";
    /** A well-formed project type code not on the project type list. */
    public static final String UNKNOWN_PROJECT_TYPE = "unknown_project_type";
    /** The declaration already has a code, assigned for other inputs. */
    public static final String DECLARATION_CONFLICT = "declaration_conflict";
    /** All 100000 serials of this month's prefix (YYMM-RRRRRR-DD-TT) are taken. */
    public static final String PREFIX_EXHAUSTED = "prefix_exhausted";
    /** The request body is not JSON of the expected shape (HTTP binding). */
    public static final String MALFORMED_REQUEST = "malformed_request";

    private ErrorCodes() {
    }
}
