package cn.approvalbridge.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaskingTest {

    @ParameterizedTest
    @ValueSource(strings = { "13800138000", "+8613800138000", "8613800138000", "008613800138000", "+86 138 0013 8000",
            "0086-138-0013-8000", "(+86) 138-0013-8000", "１３８００１３８０００", "+８６ １３８ ００１３ ８０００", "138 0013 8000" })
    void everyWrittenFormOfAMobileIsMasked(String form) {
        String masked = Masking.maskText("call " + form + " now");
        assertEquals("call 138****8000 now", masked, form);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-12-01T20:42:34", "12000.5", "1764621754123", "YD-2026-000123", "138001380001" })
    void otherNumbersStayAsTheyAre(String text) {
        assertEquals(text, Masking.maskText(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "91350100M000100Y43", "91350100m000100y43", "91350100M000100Y44" })
    void creditCodesAreMaskedEvenMistypedOrLowerCase(String code) {
        assertFalse(Masking.maskText("code " + code).contains(code.substring(4, 14)), code);
    }
}
