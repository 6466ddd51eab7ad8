package cn.approvalbridge.hub.utility;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

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

    public String record(Utility u, String format, String raw, List<FieldError> errors) {
        String env = ProviderInput.envelope(u, format, "POST /api/v1/utility-providers/" + u
                + (format.equals(ProviderInput.STATUS_JSON) ? "/status" : "/survey-availability"), raw == null ? "" : raw);
        String reason = "rejected " + u.identity() + " input: " + errors;
        String id = UUID.randomUUID().toString();
        db.inTransaction(c -> Db.update(c, "INSERT INTO hub_dead_letter (id, partner, source_queue, dead_letter_queue, body, "
                + "reason, failed_at, replay_count) VALUES (?, ?, ?, ?, ?, ?, ?, 0)", id, u.identity(),
                UtilityQueues.PROVIDER_INPUT, UtilityQueues.DLQ_UTILITY, env,
                reason.length() > 2000 ? reason.substring(0, 2000) : reason, OffsetDateTime.now(clock.withZone(ChinaTime.ZONE))));
        LOG.warnf("Rejected input %s from %s kept as dead letter: %s", id, u.identity(), Masking.maskText(reason));
        return id;
    }
}
