package cn.approvalbridge.notification;

import java.sql.SQLException;
import java.time.Instant;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * May this notification go now? The {@link SendPolicy} (quiet hours, the same-event interval, the daily limit per
 * number) decides under the number's row lock, so that concurrent notifications to one number cannot both take the
 * last slot of the day; the answer is written in the same transaction: the send slot reserved, or the row DEFERRED.
 */
@ApplicationScoped
public class SendSlots {

    @Inject
    NotificationConfig config;

    @Inject
    NotificationLedger ledger;

    @Inject
    LedgerWrites writes;

    private SendPolicy policy;

    @PostConstruct
    void init() {
        policy = new SendPolicy(config.quietHours().start(), config.quietHours().end(),
                config.limits().sameEventInterval(), config.limits().dailyPerNumber());
    }

    /** Reserves the send slot at {@code now}, or defers the row to when the policy allows it. */
    SendPolicy.Decision take(NotificationRow row, long now) {
        ledger.ensureLockRow(row.mobile);
        return ledger.inTransaction(c -> {
            ledger.lockMobile(c, row.mobile);
            SendPolicy.Decision d = policy.decide(Instant.ofEpochMilli(now), row.urgent, new SendPolicy.SendHistory() {
                @Override
                public Long lastSameEvent(long fromMs, long toMs) {
                    return sql(() -> ledger.lastSent(c, row.mobile, row.rateKey, fromMs, toMs));
                }

                @Override
                public int countSent(long fromMs, long toMs) {
                    return sql(() -> ledger.countSent(c, row.mobile, fromMs, toMs));
                }
            });
            if (d.deferred()) {
                long until = d.sendAt().toEpochMilli();
                writes.defer(c, row, until, row.lastError, String.join(",", d.reasons()) + " until " + Times.iso(until), now);
            } else {
                writes.reserve(c, row, now, now + config.retry().lease().toMillis());
            }
            return d;
        });
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private static <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new IllegalStateException(SmsText.scrub(e.getMessage()), e);
        }
    }
}
