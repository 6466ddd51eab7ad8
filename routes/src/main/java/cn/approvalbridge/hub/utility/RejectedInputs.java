package cn.approvalbridge.hub.utility;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.support.JsonInput;

import cn.approvalbridge.support.Masking;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.FieldError;

/**
 * Provider input the API refuses (bad JSON, unknown state, bad dates) is kept for operators, nothing lost: a dead letter
 * (listed by GET /api/v1/dead-letters) whose body is the input as it came, wrapped in an envelope the provider-input
 * route understands, so POST /api/v1/dead-letters/{id}/replay runs it through the same checks again.
 */
@ApplicationScoped
public class RejectedInputs {

    private static final Logger LOG = Logger.getLogger(RejectedInputs.class);

    @Inject
    Db db;

    @Inject
    Clock clock;

    /** What is kept of one rejected input: enough to see what was wrong, not a store for whatever is thrown at us. */
    public static final int MAX_KEPT = 64 * 1024;

    public String record(Utility u, String format, String raw, List<FieldError> errors) {
        String whole = raw == null ? "" : raw;
        byte[] bytes = whole.getBytes(StandardCharsets.UTF_8);
        String origin = "POST /api/v1/utility-providers/" + u
                + (format.equals(ProviderInput.STATUS_JSON) ? "/status" : "/survey-availability");
        String envelope = ProviderInput.envelope(u, format, origin, bytes.length <= MAX_KEPT ? whole : head(bytes));
        String env = bytes.length <= MAX_KEPT ? envelope : marked(envelope, bytes.length, Trail.sha256(whole));
        String reason = "rejected " + u.identity() + " input: " + errors;
        String id = UUID.randomUUID().toString();
        db.inTransaction(c -> Db.update(c, "INSERT INTO hub_dead_letter (id, partner, source_queue, dead_letter_queue, body, "
                + "reason, failed_at, replay_count) VALUES (?, ?, ?, ?, ?, ?, ?, 0)", id, u.identity(),
                UtilityQueues.PROVIDER_INPUT, UtilityQueues.DLQ_UTILITY, env,
                reason.length() > 2000 ? reason.substring(0, 2000) : reason, OffsetDateTime.now(clock.withZone(ChinaTime.ZONE))));
        LOG.warnf("Rejected input %s from %s kept as dead letter: %s", id, u.identity(), Masking.maskText(reason));
        return id;
    }

    /** The envelope marked as holding only the head of the input, with the size and digest of the whole. */
    private static String marked(String env, int size, String sha256) {
        try {
            return ((ObjectNode) JsonInput.STRICT.readTree(env)).put("truncated", true).put("rawBytes", size)
                    .put("rawSha256", sha256).toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the hub's own envelope is not JSON", e);
        }
    }

    /** The first {@link #MAX_KEPT} bytes, cut at a character boundary. */
    private static String head(byte[] bytes) {
        int end = MAX_KEPT;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
