package cn.approvalbridge.hub.prereview;

import java.time.LocalDate;

/**
 * What a department is asked to pre-review: the declaration (its canonical JSON, unmasked: the department's format
 * decides what it may see), the day its opinion is due, and the hub's path it answers to. {@code alreadySent}: the
 * department took this request before (a redelivery or replay), so it is not sent again.
 */
public record PreReviewRequest(String declarationId, String departmentCode, LocalDate dueBy, String answerTo,
        String declaration, boolean alreadySent) {
}
