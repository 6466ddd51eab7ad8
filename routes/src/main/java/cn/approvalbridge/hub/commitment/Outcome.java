package cn.approvalbridge.hub.commitment;

import java.util.List;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.store.Outbox;

/** The answer of a commitment or 容缺 call, with the messages its transaction queued. */
public record Outcome(Kind kind, String message, List<Outbox.Message> messages) {

    public enum Kind {
        CREATED, SAME, CONFLICT, NOT_FOUND, NOT_REQUESTED, NOT_YOUR_ITEM, WRONG_STATE, NOT_ALLOWED, CREDIT_NOT_ALLOWED,
        CREDIT_PENDING
    }

    static Outcome of(Kind kind, String message) {
        return new Outcome(kind, message, List.of());
    }

    static Outcome created(List<Outbox.Message> messages) {
        return new Outcome(Kind.CREATED, null, messages);
    }

    /** The refusal as the API answers it; null for CREATED and SAME. */
    ApiException refusal(String conflictField) {
        return switch (kind) {
            case CREATED, SAME -> null;
            case NOT_FOUND -> new ApiException(404, "projectCode", "not_found", message);
            case NOT_REQUESTED -> new ApiException(403, "itemCode", "not_requested", message);
            case NOT_YOUR_ITEM -> new ApiException(403, "itemCode", "not_your_department", message);
            case WRONG_STATE -> new ApiException(409, "$", "wrong_state", message);
            case NOT_ALLOWED -> new ApiException(409, "itemCode", "commitment_not_allowed", message);
            case CREDIT_NOT_ALLOWED -> new ApiException(409, "creditCheck", "credit_not_allowed", message);
            case CREDIT_PENDING -> new ApiException(409, "creditCheck", "credit_pending", message);
            case CONFLICT -> new ApiException(409, conflictField, "conflict", message);
        };
    }
}
