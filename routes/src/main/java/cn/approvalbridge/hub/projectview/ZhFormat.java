package cn.approvalbridge.hub.projectview;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Locale;

import cn.approvalbridge.support.ChinaTime;

/** Dates, times and amounts as Chinese readers write them: 2026年12月2日, 2026年12月2日 14:05, 1,234.5 万元. */
public final class ZhFormat {

    private ZhFormat() {
    }

    public static String date(LocalDate d) {
        return d == null ? null : d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    /** Beijing time, to the minute. */
    public static String time(OffsetDateTime t) {
        if (t == null) {
            return null;
        }
        ZonedDateTime z = t.atZoneSameInstant(ChinaTime.ZONE);
        return date(z.toLocalDate()) + String.format(" %02d:%02d", z.getHour(), z.getMinute());
    }

    public static String time(java.time.Instant t) {
        return t == null ? null : time(t.atZone(ChinaTime.ZONE).toOffsetDateTime());
    }

    /** An amount in 万元 (the unit the declarations use), grouped by thousands, without trailing zeros. */
    public static String wan(BigDecimal amount) {
        return amount == null ? null : number(amount) + " 万元";
    }

    public static String number(Number n) {
        if (n == null) {
            return null;
        }
        DecimalFormat f = new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(n instanceof BigDecimal b ? b : new BigDecimal(n.toString()));
    }
}
