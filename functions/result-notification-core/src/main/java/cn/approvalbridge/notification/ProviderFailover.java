package cn.approvalbridge.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.support.Mobile;

/**
 * Sends a notification whose slot is reserved through the providers in failover order: the first that accepts makes
 * it SENT (with the delivery outcome at once, where the provider knows it). Each provider gets the template variables
 * cut to its own limit ({@link SmsProvider#maxVariableLength()}); the row keeps the whole text. A provider's error
 * is handled by its kind ({@link ProviderErrors}): permanent → FAILED at once, no failover; the provider's limit for
 * the number → DEFERRED until its window ends, no failover; transient → asked again after a short back-off, then the
 * next provider. When every provider fails transiently, the row is DEFERRED with an exponential back-off, or FAILED
 * after the configured number of attempts.
 */
@ApplicationScoped
public class ProviderFailover {

    private static final Logger LOG = Logger.getLogger(ProviderFailover.class);

    @Inject
    NotificationConfig config;

    @Inject
    TemplateCatalog templates;

    @Inject
    SmsProviders providers;

    @Inject
    LedgerWrites writes;

    @Inject
    Clock clock;

    private final ObjectMapper mapper = new ObjectMapper();

    Outcome send(NotificationRow row) {
        row.attempts++;
        NotificationTemplate template = templates.get(row.event) != null ? templates.get(row.event) : fallbackTemplate(row);
        Map<String, String> values = values(row);
        List<String> failures = new ArrayList<>();
        for (SmsProvider provider : providers.chain()) {
            List<String> cuts = new ArrayList<>();
            SmsMessage message = new SmsMessage(row.notificationId, row.event, row.mobile, config.signName(), row.text,
                    cut(values, provider.maxVariableLength(), cuts), template, row.attempts);
            for (int retry = 0;; retry++) {
                SmsSendResult accepted = null;
                try {
                    accepted = provider.send(message);
                } catch (SmsProviderException e) {
                    LOG.warnf("notification %s to %s: provider %s failed (%s): %s", row.notificationId,
                            Mobile.mask(row.mobile), provider.name(), e.kind(), e.getMessage());
                    failures.add(e.getMessage());
                    if (e.kind() == ProviderErrors.Kind.PERMANENT) {
                        return permanent(row, e, String.join("; ", failures));
                    }
                    if (e.kind() == ProviderErrors.Kind.NUMBER_LIMIT) {
                        return numberLimit(row, e, String.join("; ", failures));
                    }
                } catch (RuntimeException e) {
                    String failure = provider.name() + " " + e.getClass().getSimpleName() + ": " + SmsText.scrub(e.getMessage());
                    failures.add(failure);
                    LOG.warnf("notification %s to %s: provider %s failed: %s", row.notificationId, Mobile.mask(row.mobile),
                            provider.name(), failure);
                }
                if (accepted != null) {
                    // Outside the try: a ledger write failing after the gateway accepted must not send again. The row
                    // stays reserved and in doubt; InDoubtSends asks the provider once its lease is over.
                    sent(row, provider, accepted, failures, cuts);
                    return Outcome.SENT;
                }
                if (retry >= config.retry().providerRetries()) {
                    break;
                }
                pause(config.retry().providerDelay().multipliedBy(1L << Math.min(retry, 10)));
            }
        }
        allFailed(row, String.join("; ", failures));
        return row.status == NotificationStatus.FAILED ? Outcome.FAILED : Outcome.DEFERRED;
    }

    private void sent(NotificationRow row, SmsProvider provider, SmsSendResult sent, List<String> failures, List<String> cuts) {
        String detail = provider.name() + " " + sent.messageId()
                + (failures.isEmpty() ? "" : " after failover from " + String.join("; ", failures))
                + (cuts.isEmpty() ? "" : "; variables cut to " + provider.maxVariableLength() + " characters: "
                        + String.join(", ", cuts));
        writes.recordSent(row, sent, detail, clock.millis());
        LOG.infof("notification %s to %s sent by %s (attempt %d)", row.notificationId, Mobile.mask(row.mobile),
                provider.name(), row.attempts);
    }

    /** The message can never go as it is: no retry, and no other provider to get round the refusal. */
    private Outcome permanent(NotificationRow row, SmsProviderException e, String error) {
        writes.fail(row, error, "permanent provider error, not retried, no failover: " + error, clock.millis());
        LOG.errorf("notification %s to %s FAILED on a permanent provider error: %s", row.notificationId,
                Mobile.mask(row.mobile), e.getMessage());
        return Outcome.FAILED;
    }

    /** The provider's limit for this number: wait for its window there; the other provider must not dodge it. */
    private Outcome numberLimit(NotificationRow row, SmsProviderException e, String error) {
        long now = clock.millis();
        if (row.attempts >= config.retry().maxAttempts()) {
            writes.fail(row, error, "provider limit still reached after " + row.attempts + " attempts: " + error, now);
            return Outcome.FAILED;
        }
        long until = e.window().end(Instant.ofEpochMilli(now)).toEpochMilli();
        writes.defer(row, until, error, "provider_limit " + e.window() + ", retry " + row.attempts + " at "
                + Times.iso(until) + " at the same provider: " + error, now);
        LOG.warnf("notification %s to %s: %s limit for the number reached, retry at %s", row.notificationId,
                Mobile.mask(row.mobile), e.provider(), Times.iso(until));
        return Outcome.DEFERRED;
    }

    /** The values as a provider may receive them; each cut one is noted in {@code cuts} with its full length. */
    static Map<String, String> cut(Map<String, String> values, int max, List<String> cuts) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            String cut = SmsText.cut(value, max);
            if (value != null && !cut.equals(value)) {
                cuts.add(name + " (" + SmsText.length(value) + ")");
            }
            out.put(name, cut);
        });
        return out;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void allFailed(NotificationRow row, String error) {
        long failedAt = clock.millis();
        if (row.attempts >= config.retry().maxAttempts()) {
            writes.fail(row, error, "every provider failed " + row.attempts + " times: " + error, failedAt);
            LOG.errorf("notification %s to %s given up after %d attempts: %s", row.notificationId, Mobile.mask(row.mobile),
                    row.attempts, error);
            return;
        }
        long until = failedAt + backoff(row.attempts).toMillis();
        writes.defer(row, until, error, "provider_error, retry " + row.attempts + " at " + Times.iso(until) + ": " + error,
                failedAt);
        LOG.warnf("notification %s to %s: every provider failed, retry at %s", row.notificationId, Mobile.mask(row.mobile),
                Times.iso(until));
    }

    /** 1 min, 2, 4, … capped at the configured maximum. */
    Duration backoff(int attempts) {
        Duration d = config.retry().initialDelay();
        for (int i = 1; i < attempts && d.compareTo(config.retry().maxDelay()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(config.retry().maxDelay()) > 0 ? config.retry().maxDelay() : d;
    }

    /** A template removed from the file after the notification was accepted: send the stored text as it was. */
    private static NotificationTemplate fallbackTemplate(NotificationRow row) {
        return new NotificationTemplate(row.event, row.text, null, null, List.of());
    }

    private Map<String, String> values(NotificationRow row) {
        try {
            return mapper.readValue(row.templateValues, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
