package cn.approvalbridge.hub.sandbox.clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.sandbox.Sandbox;
import io.quarkus.scheduler.Scheduled;

/**
 * Every replica re-reads the sandbox clock's shift each second: POST /sandbox/clock reaches one replica, the deadline
 * monitor may run on another. Per replica on purpose (a cache refresh, no work to do once).
 */
@ApplicationScoped
public class SandboxClockRefresh {

    @Inject
    SandboxClock clock;

    @Inject
    Sandbox sandbox;

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (sandbox.enabled()) {
            try {
                clock.reload();
            } catch (RuntimeException e) {
                // the store is away for a moment: the shift read last stands until the next second
            }
        }
    }
}
