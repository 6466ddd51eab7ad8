package cn.approvalbridge.notification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import cn.approvalbridge.support.Mobile;

/**
 * A send is in doubt when its slot was reserved (sent_at_ms set) but neither SENT nor a failure was recorded before its
 * lease ended: the process died, maybe after the gateway accepted the message. Before such a row is sent again, every
 * provider of the chain is asked whether it accepted a message with the notificationId for the number
 * ({@link SmsProvider#find}). Found: the row is recorded SENT, nothing is sent. No provider has it: sent as usual. A
 * provider cannot tell: the row stays in doubt and is asked again after {@code retry.in-doubt-delay}, until
 * {@code retry.in-doubt-horizon} after the interrupted send; then it is sent (at worst one duplicate, never no SMS).
 */
@ApplicationScoped
public class InDoubtSends {

    private static final Logger LOG = Logger.getLogger(InDoubtSends.class);
    /** Clocks differ: the provider's record of the send may carry a time a little before our reservation. */
    private static final long SKEW_MS = 60_000;

    enum Verdict {
        /** The provider has the message: recorded SENT, not to be sent again. */
        FOUND,
        /** A provider cannot tell yet: kept in doubt, asked again later. */
        WAIT,
        /** Send it (no provider has it, or the horizon is over). */
        SEND
    }

    @Inject
    NotificationConfig config;

    @Inject
    SmsProviders providers;

    @Inject
    LedgerWrites writes;

    @Inject
    Clock clock;

    static boolean inDoubt(NotificationRow row) {
        return row.sentAtMs != null
                && (row.status == NotificationStatus.ACCEPTED || row.status == NotificationStatus.DEFERRED);
    }

    Verdict resolve(NotificationRow row) {
        long now = clock.millis();
        long from = row.sentAtMs - SKEW_MS;
        long to = Math.max(now, row.sentAtMs) + SKEW_MS;
        List<String> unknown = new ArrayList<>();
        for (SmsProvider provider : providers.chain()) {
            Optional<SmsSendResult> found;
            try {
                found = provider.find(row.notificationId, row.mobile, from, to);
            } catch (SmsProviderException e) {
                unknown.add(e.getMessage());
                continue;
            } catch (RuntimeException e) {
                unknown.add(provider.name() + " " + e.getClass().getSimpleName() + ": " + SmsText.scrub(e.getMessage()));
                continue;
            }
            if (found.isPresent()) {
                recordSent(row, found.get(), now);
                return Verdict.FOUND;
            }
        }
        if (unknown.isEmpty()) {
            LOG.infof("notification %s to %s: interrupted send, no provider has it: sending", row.notificationId,
                    Mobile.mask(row.mobile));
            return Verdict.SEND;
        }
        String error = SmsText.scrub("in doubt, provider cannot tell: " + String.join("; ", unknown));
        long horizon = row.sentAtMs + config.retry().inDoubtHorizon().toMillis();
        if (now >= horizon) {
            LOG.warnf("notification %s to %s: %s; horizon %s over, sending again", row.notificationId,
                    Mobile.mask(row.mobile), error, Times.iso(horizon));
            return Verdict.SEND;
        }
        long until = Math.min(horizon, now + config.retry().inDoubtDelay().toMillis());
        writes.keepInDoubt(row, until, error, error + "; asked again at " + Times.iso(until), now);
        LOG.warnf("notification %s to %s: %s; asked again at %s", row.notificationId, Mobile.mask(row.mobile), error,
                Times.iso(until));
        return Verdict.WAIT;
    }

    private void recordSent(NotificationRow row, SmsSendResult found, long now) {
        row.attempts++;
        writes.recordSent(row, found, "found at " + found.provider() + " " + found.messageId() + " after an interrupted send ("
                + found.detail() + "): not sent again", now);
        LOG.infof("notification %s to %s: interrupted send found at %s, recorded SENT without sending again",
                row.notificationId, Mobile.mask(row.mobile), found.provider());
    }
}
