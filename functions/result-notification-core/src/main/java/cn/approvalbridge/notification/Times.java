package cn.approvalbridge.notification;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import cn.approvalbridge.support.ChinaTime;

/** Instants as the API shows them: ISO-8601 in Beijing time, e.g. 2026-03-10T08:00:00+08:00. */
final class Times {

    private Times() {
    }

    static String iso(long epochMillis) {
        return iso(Instant.ofEpochMilli(epochMillis));
    }

    static String iso(Instant instant) {
        return instant == null ? null
                : OffsetDateTime.ofInstant(instant, ChinaTime.ZONE).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
