package cn.approvalbridge.support;

import java.time.ZoneId;

/** Every date the product reasons about (assignment month, working days, quiet hours) is a Beijing-time date. */
public final class ChinaTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaTime() {
    }
}
