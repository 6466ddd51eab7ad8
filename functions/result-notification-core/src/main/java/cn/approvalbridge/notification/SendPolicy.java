package cn.approvalbridge.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import cn.approvalbridge.support.ChinaTime;

/**
 * When may a message go out? Quiet hours (Beijing time; {@code urgent} bypasses them), the same event for the same
 * project to the same number once per interval, and a number of messages per number per Beijing-time day. The limits
 * are checked when the message is really sent (again at flush), so deferred messages never overrun them.
 */
public final class SendPolicy {

    /** What the ledger knows about earlier sends to the number. */
    public interface SendHistory {
        /** The last send of the same event for the same project to this number in (fromMs, toMs], or null. */
        Long lastSameEvent(long fromMs, long toMs);

        /** Sends to this number in [fromMs, toMs). */
        int countSent(long fromMs, long toMs);
    }

    /** {@code sendAt} equal to now means "send now"; otherwise the reasons say why not. */
    public record Decision(Instant sendAt, List<String> reasons) {
        public boolean deferred() {
            return !reasons.isEmpty();
        }
    }

    private final LocalTime quietStart;
    private final LocalTime quietEnd;
    private final Duration sameEventInterval;
    private final int dailyPerNumber;

    public SendPolicy(LocalTime quietStart, LocalTime quietEnd, Duration sameEventInterval, int dailyPerNumber) {
        this.quietStart = quietStart;
        this.quietEnd = quietEnd;
        this.sameEventInterval = sameEventInterval;
        this.dailyPerNumber = dailyPerNumber;
    }

    public Decision decide(Instant now, boolean urgent, SendHistory history) {
        Instant t = now;
        List<String> reasons = new ArrayList<>();
        // Only sends up to now count: a clock set back (or another test run's future) must not block forever.
        Long last = history.lastSameEvent(now.minus(sameEventInterval).toEpochMilli(), now.toEpochMilli());
        // Each rule can only move t later; a few rounds reach the point where every rule holds.
        for (int round = 0; round < 8; round++) {
            Instant before = t;
            if (!urgent) {
                Instant end = endOfQuietHours(t);
                if (end.isAfter(t)) {
                    t = end;
                    add(reasons, "quiet_hours");
                }
            }
            if (last != null && t.isBefore(Instant.ofEpochMilli(last).plus(sameEventInterval))) {
                t = Instant.ofEpochMilli(last).plus(sameEventInterval);
                add(reasons, "same_event_interval");
            }
            LocalDate day = t.atZone(ChinaTime.ZONE).toLocalDate();
            long from = day.atStartOfDay(ChinaTime.ZONE).toInstant().toEpochMilli();
            long to = day.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant().toEpochMilli();
            if (history.countSent(from, to) >= dailyPerNumber) {
                t = Instant.ofEpochMilli(to);
                add(reasons, "daily_limit");
            }
            if (t.equals(before)) {
                break;
            }
        }
        return new Decision(t, reasons);
    }

    /** The instant quiet hours around {@code t} end, or {@code t} itself outside them. */
    Instant endOfQuietHours(Instant t) {
        if (quietStart.equals(quietEnd)) {
            return t;
        }
        ZonedDateTime z = t.atZone(ChinaTime.ZONE);
        LocalTime time = z.toLocalTime();
        if (quietStart.isAfter(quietEnd)) {
            // Over midnight, e.g. 22:00–08:00.
            if (!time.isBefore(quietStart)) {
                return z.toLocalDate().plusDays(1).atTime(quietEnd).atZone(ChinaTime.ZONE).toInstant();
            }
            if (time.isBefore(quietEnd)) {
                return z.toLocalDate().atTime(quietEnd).atZone(ChinaTime.ZONE).toInstant();
            }
            return t;
        }
        if (!time.isBefore(quietStart) && time.isBefore(quietEnd)) {
            return z.toLocalDate().atTime(quietEnd).atZone(ChinaTime.ZONE).toInstant();
        }
        return t;
    }

    private static void add(List<String> reasons, String reason) {
        if (!reasons.contains(reason)) {
            reasons.add(reason);
        }
    }
}
