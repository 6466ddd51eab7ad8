package cn.approvalbridge.notification.function;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import jakarta.inject.Singleton;

import cn.approvalbridge.support.ChinaTime;

/** Replaces the @DefaultBean Clock of function-support in every test: tests move time, never sleep. */
@Singleton
public class MutableClock extends Clock {

    private volatile Instant now = Instant.parse("2026-03-10T02:00:00Z");

    public void set(LocalDateTime beijing) {
        now = beijing.atZone(ChinaTime.ZONE).toInstant();
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    public LocalDateTime beijing() {
        return LocalDateTime.ofInstant(now, ChinaTime.ZONE);
    }

    @Override
    public ZoneId getZone() {
        return ChinaTime.ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
