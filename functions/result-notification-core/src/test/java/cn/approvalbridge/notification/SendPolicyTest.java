package cn.approvalbridge.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.approvalbridge.support.ChinaTime;

class SendPolicyTest {

    private final SendPolicy policy = new SendPolicy(LocalTime.of(22, 0), LocalTime.of(8, 0), Duration.ofSeconds(30), 10);

    /** A number's send history: instants of earlier sends, all of the same event and project. */
    private static SendPolicy.SendHistory history(List<Instant> sends) {
        return new SendPolicy.SendHistory() {
            @Override
            public Long lastSameEvent(long fromMs, long toMs) {
                return sends.stream().map(Instant::toEpochMilli).filter(t -> t > fromMs && t <= toMs).max(Long::compare)
                        .orElse(null);
            }

            @Override
            public int countSent(long fromMs, long toMs) {
                return (int) sends.stream().map(Instant::toEpochMilli).filter(t -> t >= fromMs && t < toMs).count();
            }
        };
    }

    private static Instant beijing(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ChinaTime.ZONE).toInstant();
    }

    @Test
    void daytimeWithNoHistorySendsNow() {
        SendPolicy.Decision d = policy.decide(beijing("2026-03-10T10:00:00"), false, history(List.of()));
        assertFalse(d.deferred());
        assertEquals(beijing("2026-03-10T10:00:00"), d.sendAt());
    }

    @Test
    void quietHoursBoundaries() {
        Map<String, String> cases = Map.of(
                "2026-03-10T21:59:59", "2026-03-10T21:59:59",
                "2026-03-10T22:00:00", "2026-03-11T08:00:00",
                "2026-03-10T23:59:00", "2026-03-11T08:00:00",
                "2026-03-11T00:00:00", "2026-03-11T08:00:00",
                "2026-03-11T07:59:59", "2026-03-11T08:00:00",
                "2026-03-11T08:00:00", "2026-03-11T08:00:00");
        cases.forEach((now, expected) -> assertEquals(beijing(expected),
                policy.decide(beijing(now), false, history(List.of())).sendAt(), now));
    }

    @Test
    void urgentIgnoresQuietHoursButNotLimits() {
        Instant night = beijing("2026-03-10T23:00:00");
        assertFalse(policy.decide(night, true, history(List.of())).deferred());
        SendPolicy.Decision d = policy.decide(night, true, history(List.of(night.minusSeconds(10))));
        assertEquals(night.plusSeconds(20), d.sendAt());
        assertEquals(List.of("same_event_interval"), d.reasons());
    }

    @Test
    void dailyLimitMovesToTheNextMorningNotMidnight() {
        List<Instant> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(beijing("2026-03-10T09:00:00").plus(Duration.ofMinutes(i)));
        }
        SendPolicy.Decision d = policy.decide(beijing("2026-03-10T12:00:00"), false, history(ten));
        assertEquals(beijing("2026-03-11T08:00:00"), d.sendAt());
        assertTrue(d.reasons().contains("daily_limit"));
        assertTrue(d.reasons().contains("quiet_hours"));
        // urgent: midnight, the start of the next Beijing day
        assertEquals(beijing("2026-03-11T00:00:00"), policy.decide(beijing("2026-03-10T12:00:00"), true, history(ten)).sendAt());
    }

    @Test
    void theDayIsABeijingDay() {
        // 10 sends on 2026-03-10 Beijing time, which began at 2026-03-09T16:00Z
        List<Instant> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(Instant.parse("2026-03-10T00:00:00Z").plus(Duration.ofMinutes(i)));
        }
        assertTrue(policy.decide(Instant.parse("2026-03-10T06:00:00Z"), false, history(ten)).deferred());
        assertFalse(policy.decide(Instant.parse("2026-03-11T02:00:00Z"), false, history(ten)).deferred());
    }

    @Test
    void aSendInTheFutureOfTheClockDoesNotBlock() {
        Instant now = beijing("2026-03-10T10:00:00");
        assertFalse(policy.decide(now, false, history(List.of(now.plusSeconds(3600)))).deferred());
    }

    @Test
    void quietHoursCanBeSwitchedOff() {
        SendPolicy noQuiet = new SendPolicy(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, Duration.ofSeconds(30), 10);
        assertFalse(noQuiet.decide(beijing("2026-03-10T23:00:00"), false, history(List.of())).deferred());
    }
}
