package cn.approvalbridge.support;

import java.util.Optional;
import java.util.regex.Pattern;

/** Mainland China mobile numbers: normalised to 11 digits, and masked wherever they are shown or logged. */
public final class Mobile {

    public static final Pattern MAINLAND = Pattern.compile("^1[3-9]\\d{9}$");

    private Mobile() {
    }

    /**
     * "+86 138 0013 8000", "0086-13800138000", "8613800138000" → "13800138000"; anything that is not a mainland mobile
     * number after dropping spaces, dashes and the country prefix → empty.
     */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String digits = Masking.halfWidth(raw).replaceAll("[\\s\\-()]", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        return MAINLAND.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
    }

    /** "13800138000" → "138****8000"; a value that is not a number is masked whole but for its length. */
    public static String mask(String value) {
        if (value == null) {
            return null;
        }
        String digits = normalise(value).orElse(value);
        if (digits.length() < 8) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
    }
}
