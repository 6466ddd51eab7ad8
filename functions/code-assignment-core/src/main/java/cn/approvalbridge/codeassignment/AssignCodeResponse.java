package cn.approvalbridge.codeassignment;

import java.util.List;

import cn.approvalbridge.support.FieldError;

/**
 * The answer to {@link AssignCodeRequest}: {@code {"outcome": "ASSIGNED", "declarationId": "…", "projectCode": "…",
 * "assignedAt": "2026-03-05T10:15:30.123+08:00", "errors": []}}. REJECTED carries no code and every broken rule in
 * {@link #errors}; ALREADY_ASSIGNED carries the code and the time of the first assignment.
 */
public class AssignCodeResponse {

    public enum Outcome {
        ASSIGNED,
        ALREADY_ASSIGNED,
        REJECTED
    }

    public Outcome outcome;
    public String declarationId;
    public String projectCode;
    /** ISO-8601 with the +08:00 offset (Beijing time), millisecond precision. */
    public String assignedAt;
    public List<FieldError> errors = List.of();

    public AssignCodeResponse() {
    }

    public AssignCodeResponse(Outcome outcome, String declarationId, String projectCode, String assignedAt,
            List<FieldError> errors) {
        this.outcome = outcome;
        this.declarationId = declarationId;
        this.projectCode = projectCode;
        this.assignedAt = assignedAt;
        this.errors = errors;
    }

    static AssignCodeResponse rejected(String declarationId, List<FieldError> errors) {
        return new AssignCodeResponse(Outcome.REJECTED, declarationId, null, null, List.copyOf(errors));
    }

    @Override
    public String toString() {
        return "AssignCodeResponse[outcome=" + outcome + ", declarationId=" + declarationId + ", projectCode="
                + projectCode + ", assignedAt=" + assignedAt + ", errors=" + errors + "]";
    }
}
