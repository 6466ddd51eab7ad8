package cn.approvalbridge.notification;

import java.text.BreakIterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.approvalbridge.support.Mobile;

/** Counting and scrubbing SMS text. */
public final class SmsText {

    public static final int MAX_CHARACTERS = 500;
    static final int SINGLE_PART = 70;
    static final int MULTI_PART = 67;

    /** Any mainland mobile number inside free text (exception messages, provider answers), with or without +86. */
    private static final Pattern MOBILE_IN_TEXT = Pattern.compile("(?<!\\d)(?:\\+?86)?(1[3-9]\\d{9})(?!\\d)");

    private SmsText() {
    }

    /** Characters as the providers count them: every character (Chinese, Latin, punctuation, signature) is one. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Up to 70 characters is one part; longer texts bill in parts of 67. */
    public static int parts(String text) {
        int n = length(text);
        if (n <= SINGLE_PART) {
            return 1;
        }
        return (n + MULTI_PART - 1) / MULTI_PART;
    }

    /**
     * {@code value} in at most {@code max} characters (as {@link #length} counts them): unchanged when it fits (or
     * {@code max} is 0), else cut at a character boundary and ended with "…", so that the reader sees it was cut. The
     * cut never splits a character: not a surrogate pair (𠀀), nor a letter from its combining marks or an emoji
     * sequence (grapheme boundaries by {@link BreakIterator}).
     */
    public static String cut(String value, int max) {
        if (value == null || max <= 0 || length(value) <= max) {
            return value;
        }
        BreakIterator graphemes = BreakIterator.getCharacterInstance(java.util.Locale.ROOT);
        graphemes.setText(value);
        int end = 0;
        for (int next = graphemes.next(); next != BreakIterator.DONE; next = graphemes.next()) {
            if (value.codePointCount(0, next) > max - 1) {
                break;
            }
            end = next;
        }
        return value.substring(0, end) + "…";
    }

    /** Masks every mobile number in {@code text}, so that it can be logged. */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = MOBILE_IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Mobile.mask(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
