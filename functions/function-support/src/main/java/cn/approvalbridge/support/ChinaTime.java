package cn.approvalbridge.support;

import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Every date the product reasons about (assignment month, working days, quiet hours) is a Beijing-time date. */
public final class ChinaTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaTime() {
    }

    /** An instant as every API answer shows it: ISO-8601 in Beijing time (+08:00); null stays null. */
    public static String text(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(ZONE).toOffsetDateTime().toString();
    }
}
