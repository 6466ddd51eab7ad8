package cn.approvalbridge.hub.sandbox.engine;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.support.JsonInput;

/** The body of a sandbox partner's {@code PUT .../rule}: {@code {"rule": "UP" | "DOWN"}} (DOWN answers 503). */
public final class UpDownRule {

    private UpDownRule() {
    }

    /** Whether the body switches the partner DOWN; 400 {@code rule one_of} for anything but UP or DOWN. */
    public static boolean down(String body) {
        String rule = JsonInput.object(body).path("rule").asText("");
        if (!rule.equals("UP") && !rule.equals("DOWN")) {
            throw new ApiException(400, "rule", "one_of", "UP or DOWN");
        }
        return rule.equals("DOWN");
    }
}
