package cn.approvalbridge.hub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import cn.approvalbridge.support.ChinaTime;

/**
 * The tests' clock: it runs at real speed from Wednesday 2026-03-04 10:00 Beijing time (a working day, outside SMS quiet
 * hours), and a test can jump it forward by days instead of sleeping. Replaces support's @DefaultBean ClockProducer.
 */
@ApplicationScoped
public class TestClock extends Clock {

    public static final ZonedDateTime START = ZonedDateTime.of(2026, 3, 4, 10, 0, 0, 0, ChinaTime.ZONE);

    private final Instant realStart = Instant.now();
    private volatile Duration shift = Duration.ZERO;

    public void advance(Duration d) {
        shift = shift.plus(d);
    }

    public void reset() {
        shift = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ChinaTime.ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        return START.toInstant().plus(Duration.between(realStart, Instant.now())).plus(shift);
    }
}
