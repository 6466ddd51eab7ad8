package cn.approvalbridge.hub;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import cn.approvalbridge.hub.sandbox.clock.SandboxClock;
import cn.approvalbridge.support.ChinaTime;

/**
 * The tests' clock: it runs at real speed from Wednesday 2026-03-04 10:00 Beijing time (a working day, outside SMS quiet
 * hours), and a test can jump it forward by days instead of sleeping (directly, or through POST /sandbox/clock).
 * Replaces the hub's SandboxClock; its shift is not kept across test runs.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock extends SandboxClock {

    public static final ZonedDateTime START = ZonedDateTime.of(2026, 3, 4, 10, 0, 0, 0, ChinaTime.ZONE);

    private final Instant realStart = Instant.now();

    public void reset() {
        resetShift();
    }

    @Override
    protected boolean persistent() {
        return false;
    }

    @Override
    protected Instant base() {
        return START.toInstant().plus(Duration.between(realStart, Instant.now()));
    }
}
