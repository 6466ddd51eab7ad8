package cn.approvalbridge.notification;

import java.time.Clock;
import java.time.Duration;
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
 * it SENT (with the delivery outcome at once, where the provider knows it). When every provider fails, the row is
 * DEFERRED with an exponential back-off, or FAILED after the configured number of attempts.
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
        SmsMessage message = new SmsMessage(row.notificationId, row.event, row.mobile, config.signName(), row.text,
                values(row), templates.get(row.event) != null ? templates.get(row.event) : fallbackTemplate(row), row.attempts);
        List<String> failures = new ArrayList<>();
        for (SmsProvider provider : providers.chain()) {
            try {
                SmsSendResult sent = provider.send(message);
                String detail = provider.name() + " " + sent.messageId()
                        + (failures.isEmpty() ? "" : " after failover from " + String.join("; ", failures));
                writes.markSent(row, sent, detail, clock.millis());
                LOG.infof("notification %s to %s sent by %s (attempt %d)", row.notificationId, Mobile.mask(row.mobile),
                        provider.name(), row.attempts);
                if (sent.immediateOutcome() != null) {
                    writes.applyReceipt(row.notificationId, sent.immediateOutcome(), sent.detail(), clock.millis());
                    row.status = sent.immediateOutcome();
                }
                return Outcome.SENT;
            } catch (SmsProviderException e) {
                failures.add(e.getMessage());
                LOG.warnf("notification %s to %s: provider %s failed: %s", row.notificationId, Mobile.mask(row.mobile),
                        provider.name(), e.getMessage());
            } catch (RuntimeException e) {
                String failure = provider.name() + " " + e.getClass().getSimpleName() + ": " + SmsText.scrub(e.getMessage());
                failures.add(failure);
                LOG.warnf("notification %s to %s: provider %s failed: %s", row.notificationId, Mobile.mask(row.mobile),
                        provider.name(), failure);
            }
        }
        allFailed(row, String.join("; ", failures));
        return Outcome.DEFERRED;
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
