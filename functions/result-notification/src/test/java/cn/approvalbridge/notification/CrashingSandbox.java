package cn.approvalbridge.notification;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * The sandbox gateway as in production, except that a test can have the process "die" after the send slot of a
 * number was reserved and before the gateway got the message.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CrashingSandbox extends SandboxSmsProvider {

    /** Not a RuntimeException: nothing in the core catches it, as nothing catches a kill. */
    public static final class Killed extends Error {
        Killed() {
            super("test: the process died before the gateway was called");
        }
    }

    private final Set<String> dieBeforeSend = ConcurrentHashMap.newKeySet();

    public void dieBeforeSend(String mobile) {
        dieBeforeSend.add(mobile);
    }

    @Override
    public SmsSendResult send(SmsMessage message) throws SmsProviderException {
        if (dieBeforeSend.remove(message.mobile())) {
            throw new Killed();
        }
        return super.send(message);
    }
}
