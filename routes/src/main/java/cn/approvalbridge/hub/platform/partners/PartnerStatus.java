package cn.approvalbridge.hub.platform.partners;

import java.time.Instant;

/**
 * A partner as operators see it: its breaker's state and since when, when it went down (null while up), how many
 * messages wait for it on the broker and since when the oldest, and its last error (masked).
 */
public record PartnerStatus(String name, String state, Instant since, Instant downSince, int waiting,
        Instant oldestWaitingSince, int consecutiveFailures, String lastError, Instant lastErrorAt) {
}
