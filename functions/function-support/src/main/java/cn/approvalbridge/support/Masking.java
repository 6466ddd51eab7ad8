package cn.approvalbridge.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;


/**
 * Mobiles and credit codes masked (138****8000, 9135**********0Y43) for every system but the one that sent them.
 * A number is recognised in every way people write it: with +86 / 86 / 0086, spaces, dashes, brackets, full-width
 * digits (１３８…), since partners and forms pass on what the unit typed.
 */
public final class Masking {

    private static final String DIGIT = "[0-9\\uFF10-\\uFF19]";
    private static final String SEP = "[\\s\\u3000\\-\\u2010-\\u2015\\uFF0D.()（）]{0,2}";
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9\\uFF10-\\uFF19])"
            + "(?:[(（]?(?:[+\\uFF0B]|00|\\uFF10\\uFF10)?[8\\uFF18][6\\uFF16][)）]?" + SEP + ")?"
            + "[1\\uFF11][3-9\\uFF13-\\uFF19](?:" + SEP + DIGIT + "){9}(?![0-9\\uFF10-\\uFF19])");
    private static final Pattern CREDIT_CODE = Pattern.compile(
            "(?<![0-9A-Za-z])[0-9A-HJ-NP-RTUWXYa-hj-np-rtuwxy]{18}(?![0-9A-Za-z])");

    private Masking() {
    }

    /** Full-width digits and plus (what a Chinese input method types) as ASCII. */
    public static String halfWidth(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= '\uFF10' && ch <= '\uFF19') {
                sb.append((char) ('0' + (ch - '\uFF10')));
            } else if (ch == '\uFF0B') {
                sb.append('+');
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** Every mobile number written anywhere in {@code text}, in any form, as its 11 digits. */
    public static java.util.Set<String> mobiles(String text) {
        java.util.Set<String> found = new java.util.HashSet<>();
        if (text != null) {
            Matcher m = MOBILE.matcher(text);
            while (m.find()) {
                String digits = halfWidth(m.group()).replaceAll("\\D", "");
                found.add(digits.substring(digits.length() - 11));
            }
        }
        return found;
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

    /** Any text (a trail payload, a log line, an error message) with every mobile number and credit code in it masked. */
    public static String maskText(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = MOBILE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String digits = halfWidth(m.group()).replaceAll("\\D", "");
            String number = digits.substring(digits.length() - 11);
            m.appendReplacement(sb, Matcher.quoteReplacement(Mobile.mask(number)));
        }
        m.appendTail(sb);
        Matcher c = CREDIT_CODE.matcher(sb.toString());
        StringBuilder out = new StringBuilder();
        while (c.find()) {
            String v = c.group();
            // Any 18 characters of the code's alphabet with digits in them: a mistyped code is still the unit's.
            c.appendReplacement(out, Matcher.quoteReplacement(v.chars().anyMatch(Character::isDigit) ? CreditCode.mask(v) : v));
        }
        c.appendTail(out);
        return out.toString();
    }
}
