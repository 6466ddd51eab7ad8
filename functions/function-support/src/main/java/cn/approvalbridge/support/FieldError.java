package cn.approvalbridge.support;

/**
 * One broken rule of one input field, in the shape every API of the product answers with:
 * {@code {"field": "unit.contactMobile", "code": "invalid_mobile", "message": "..."}}.
 * The code is stable (partners branch on it); the message is for people.
 */
public record FieldError(String field, String code, String message) {
}
