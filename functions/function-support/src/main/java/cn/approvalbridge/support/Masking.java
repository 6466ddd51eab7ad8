package cn.approvalbridge.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;


/** Mobiles and credit codes masked (138****8000, 9135**********0Y43) for every system but the one that sent them. */
public final class Masking {

    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
    private static final Pattern CREDIT_CODE = Pattern.compile("(?<![0-9A-Z])[0-9A-HJ-NP-RTUWXY]{18}(?![0-9A-Z])");

    private Masking() {
    }

    /** A declaration body with unit.creditCode and unit.contactMobile masked. */
    public static JsonNode maskDeclaration(JsonNode declaration) {
        JsonNode copy = declaration.deepCopy();
        if (copy.get("unit") instanceof ObjectNode unit) {
            if (unit.hasNonNull("creditCode")) {
                unit.put("creditCode", CreditCode.mask(unit.get("creditCode").asText()));
            }
            if (unit.hasNonNull("contactMobile")) {
                unit.put("contactMobile", Mobile.mask(unit.get("contactMobile").asText()));
            }
        }
        return copy;
    }

    /** Any text (a trail payload, a log line) with every mobile number and credit code in it masked. */
    public static String maskText(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = MOBILE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Mobile.mask(m.group()));
        }
        m.appendTail(sb);
        Matcher c = CREDIT_CODE.matcher(sb.toString());
        StringBuilder out = new StringBuilder();
        while (c.find()) {
            String v = c.group();
            c.appendReplacement(out, CreditCode.isValid(v) ? CreditCode.mask(v) : v);
        }
        c.appendTail(out);
        return out.toString();
    }
}
