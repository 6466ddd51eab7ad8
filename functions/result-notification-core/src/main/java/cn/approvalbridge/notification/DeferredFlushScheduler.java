package cn.approvalbridge.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Sends deferred notifications that have come due, wherever no AWS schedule does it: every
 * {@code result-notification.flush.every} (default 30s; "off" disables). On Lambda an EventBridge schedule invokes
 * flushDeferred instead, and this never runs there (a frozen Lambda container cannot keep time anyway).
 */
@ApplicationScoped
public class DeferredFlushScheduler {

    private static final Logger LOG = Logger.getLogger(DeferredFlushScheduler.class);

    @Inject
    NotificationService service;

    @Scheduled(identity = "result-notification-flush", every = "${result-notification.flush.every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = OnLambda.class)
    void flush() {
        try {
            FlushResult result = service.flushDeferred();
            if (result.due > 0) {
                LOG.infof("scheduled flush: %s", result);
            }
        } catch (RuntimeException e) {
            // The next run tries again; nothing is lost because the rows stay due.
            LOG.errorf("scheduled flush failed: %s", SmsText.scrub(e.getMessage()));
        }
    }

    /** True inside AWS Lambda, where the AWS schedule calls flushDeferred. */
    @ApplicationScoped
    public static class OnLambda implements Scheduled.SkipPredicate {
        @Override
        public boolean test(ScheduledExecution execution) {
            return System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null;
        }
    }
}
