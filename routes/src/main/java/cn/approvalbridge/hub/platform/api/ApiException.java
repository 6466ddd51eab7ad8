package cn.approvalbridge.hub.platform.api;

import java.util.List;

import cn.approvalbridge.support.FieldError;
import cn.approvalbridge.support.Masking;

/**
 * An answer with the errors body {@code {"errors": [{"field", "code", "message"}], "errorCount": n}} and a status. At
 * most {@link #MAX_ERRORS} errors are listed (a body with 100,000 bad entries gets a short answer); errorCount is the
 * total. Messages are masked: they may quote what the caller sent.
 */
public class ApiException extends RuntimeException {

    public static final int MAX_ERRORS = 100;

    private final int status;
    private final List<FieldError> errors;
    private final int errorCount;

    public ApiException(int status, List<FieldError> errors) {
        super(status + " " + errors.size() + " errors");
        this.status = status;
        this.errorCount = errors.size();
        this.errors = errors.stream().limit(MAX_ERRORS)
                .map(e -> new FieldError(Masking.maskText(e.field()), e.code(), Masking.maskText(e.message()))).toList();
    }

    public ApiException(int status, String field, String code, String message) {
        this(status, List.of(new FieldError(field, code, message)));
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public int errorCount() {
        return errorCount;
    }
}
