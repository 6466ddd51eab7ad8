package cn.approvalbridge.support;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 24-character project code (项目代码) of GB/T 40058-2021, {@code YYMM-RRRRRR-DD-TT-NNNNNC}, and the legacy form
 * systems still carry, {@code YYYY-RRRRRR-II-TT-NNNNNN} (year 2015–2020, no check digit).
 * <p>
 * Both forms share one shape; they never clash, because a legacy year read as YYMM would be month 15–20. The check
 * digit C is ISO/IEC 7064 MOD 11,10 (GB/T 17710) over the 19 digits before it: it matches every published code.
 */
public final class ProjectCode {

    public static final String FORMAT_GBT_40058 = "GB/T 40058-2021";
    public static final String FORMAT_LEGACY = "legacy";

    private static final Pattern SHAPE = Pattern.compile("^(\\d{4})-(\\d{6})-(\\d{2})-(\\d{2})-(\\d{6})$");

    private ProjectCode() {
    }

    /** The outcome of reading a code: valid or not, its form and segments, and every broken rule. */
    public record Verification(boolean valid, String format, Map<String, String> segments, List<FieldError> errors) {
    }

    /** Reads a code in either form, reporting errors against {@code field}. */
    public static Verification verify(String code, String field) {
        if (code == null || code.isBlank()) {
            return invalid(null, Map.of(), new FieldError(field, "required", "a project code is required"));
        }
        Matcher m = SHAPE.matcher(code);
        if (!m.matches()) {
            return invalid(null, Map.of(), new FieldError(field, "format",
                    "must be 24 characters YYMM-RRRRRR-DD-TT-NNNNNC (GB/T 40058-2021) or the legacy YYYY-RRRRRR-II-TT-NNNNNN"));
        }
        int head = Integer.parseInt(m.group(1));
        if (head >= 2015 && head <= 2020) {
            Map<String, String> segments = new LinkedHashMap<>();
            segments.put("year", m.group(1));
            segments.put("regionCode", m.group(2));
            segments.put("industryCode", m.group(3));
            segments.put("projectTypeCode", m.group(4));
            segments.put("serial", m.group(5));
            return new Verification(true, FORMAT_LEGACY, segments, List.of());
        }
        String serialAndCheck = m.group(5);
        Map<String, String> segments = new LinkedHashMap<>();
        segments.put("year", "20" + m.group(1).substring(0, 2));
        segments.put("month", m.group(1).substring(2));
        segments.put("regionCode", m.group(2));
        segments.put("departmentCode", m.group(3));
        segments.put("projectTypeCode", m.group(4));
        segments.put("serial", serialAndCheck.substring(0, 5));
        segments.put("checkDigit", serialAndCheck.substring(5));
        int month = head % 100;
        if (month < 1 || month > 12) {
            return invalid(FORMAT_GBT_40058, segments, new FieldError(field, "invalid_month",
                    "YYMM must name a real month (01–12), got " + m.group(1).substring(2)));
        }
        char expected = checkDigit(code.substring(0, code.length() - 1));
        if (expected != code.charAt(code.length() - 1)) {
            return invalid(FORMAT_GBT_40058, segments, new FieldError(field, "check_digit",
                    "check digit is " + code.charAt(code.length() - 1) + " but the digits before it give " + expected));
        }
        return new Verification(true, FORMAT_GBT_40058, segments, List.of());
    }

    public static boolean isValid(String code) {
        return verify(code, "projectCode").valid();
    }

    /** A new-form code from its parts; {@code serial} is the five random digits. The check digit is computed. */
    public static String compose(YearMonth month, String regionCode, String departmentCode, String projectTypeCode,
            String serial) {
        String body = String.format("%02d%02d-%s-%s-%s-%s", month.getYear() % 100, month.getMonthValue(), regionCode,
                departmentCode, projectTypeCode, serial);
        return body + checkDigit(body);
    }

    /** ISO/IEC 7064 MOD 11,10 over the digits of {@code text} (dashes are skipped). */
    public static char checkDigit(String text) {
        int p = 10;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-') {
                continue;
            }
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a digit: " + c);
            }
            int s = (p + (c - '0')) % 10;
            if (s == 0) {
                s = 10;
            }
            p = (2 * s) % 11;
        }
        return (char) ('0' + (11 - p) % 10);
    }

    private static Verification invalid(String format, Map<String, String> segments, FieldError error) {
        return new Verification(false, format, segments, List.of(error));
    }
}
