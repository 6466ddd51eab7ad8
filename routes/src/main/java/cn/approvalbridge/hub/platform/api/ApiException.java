package cn.approvalbridge.hub.platform.api;

import java.util.List;

import cn.approvalbridge.support.FieldError;

/** An answer with the errors body {@code {"errors": [{"field", "code", "message"}]}} and a status. */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<FieldError> errors;

    public ApiException(int status, List<FieldError> errors) {
        super(status + " " + errors);
        this.status = status;
        this.errors = List.copyOf(errors);
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
}
