package cn.approvalbridge.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MobileAndCreditCodeTest {

    @ParameterizedTest
    @ValueSource(strings = { "+86 138 0013 8000", "0086-138-0013-8000", "8613800138000", "13800138000", " 138 0013 8000 " })
    void mobileFormsNormaliseToElevenDigits(String raw) {
        assertEquals(Optional.of("13800138000"), Mobile.normalise(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = { "12800138000", "1380013800", "138001380001", "+1 415 555 0100", "abc" })
    void nonMainlandNumbersAreRefused(String raw) {
        assertTrue(Mobile.normalise(raw).isEmpty());
    }

    @Test
    void mobileMaskKeepsPrefixAndLastFour() {
        assertEquals("138****8000", Mobile.mask("+86 138 0013 8000"));
    }

    @Test
    void creditCodeCheckCharacter() {
        // A published code (国家税务总局 example format); its 18th character is the GB 32100 check character.
        assertTrue(CreditCode.isValid("91350100M000100Y43"));
        assertEquals(Optional.of("check_character"), CreditCode.violation("91350100M000100Y44"));
        assertEquals(Optional.of("format"), CreditCode.violation("91350100M000100Y4"));
        assertEquals(Optional.of("format"), CreditCode.violation("91350100M000100I43"));
        assertEquals("9135**********0Y43", CreditCode.mask("91350100M000100Y43"));
    }
}
