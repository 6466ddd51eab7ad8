package cn.approvalbridge.support;

import java.util.Optional;

/**
 * The 18-character unified social credit code (统一社会信用代码, GB 32100-2015) of the project unit: its check character
 * (the 18th) is verified, and it is masked wherever it is shown to a system that did not send it, or logged.
 */
public final class CreditCode {

    /** The 31 characters of GB 32100: digits and capitals without I, O, S, V, Z. */
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

    private CreditCode() {
    }

    /** Empty when the code is valid, otherwise the broken rule ({@code format} or {@code check_character}). */
    public static Optional<String> violation(String code) {
        if (code == null || code.length() != 18) {
            return Optional.of("format");
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return Optional.of("format");
            }
        }
        return code.charAt(17) == checkCharacter(code.substring(0, 17)) ? Optional.empty() : Optional.of("check_character");
    }

    public static boolean isValid(String code) {
        return violation(code).isEmpty();
    }

    /** The GB 32100 check character of the first 17 characters. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }

    /** "91350100M000100Y43" → "9135**********0Y43". */
    public static String mask(String code) {
        if (code == null) {
            return null;
        }
        if (code.length() <= 8) {
            return "*".repeat(code.length());
        }
        return code.substring(0, 4) + "*".repeat(code.length() - 8) + code.substring(code.length() - 4);
    }
}
