package cn.approvalbridge.codeassignment;

import java.util.List;
import java.util.Map;

import cn.approvalbridge.support.FieldError;

/**
 * {@code {"valid": true, "format": "GB/T 40058-2021" | "legacy", "segments": {"year": "2026", "month": "03", …},
 * "errors": []}}. The format is null when the text has neither shape.
 */
public class VerifyCodeResponse {

    public boolean valid;
    public String format;
    public Map<String, String> segments = Map.of();
    public List<FieldError> errors = List.of();

    public VerifyCodeResponse() {
    }

    public VerifyCodeResponse(boolean valid, String format, Map<String, String> segments, List<FieldError> errors) {
        this.valid = valid;
        this.format = format;
        this.segments = segments;
        this.errors = errors;
    }
}
