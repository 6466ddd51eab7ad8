package cn.approvalbridge.notification;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * The ledger as in production, except that a test can have the process "die" right after the gateway accepted a
 * message to a number: the SENT write for it fails once, as a kill between the two would leave it.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CrashingLedgerWrites extends LedgerWrites {

    private final Set<String> dieBeforeSent = ConcurrentHashMap.newKeySet();

    public void dieBeforeSent(String mobile) {
        dieBeforeSent.add(mobile);
    }

    @Override
    void markSent(NotificationRow row, SmsSendResult result, String detail, long nowMs) {
        if (dieBeforeSent.remove(row.mobile)) {
            throw new IllegalStateException("test: the process died before the ledger recorded SENT");
        }
        super.markSent(row, result, detail, nowMs);
    }
}
