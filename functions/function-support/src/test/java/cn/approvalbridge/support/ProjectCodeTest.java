package cn.approvalbridge.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectCodeTest {

    @ParameterizedTest
    @ValueSource(strings = { "2603-141124-89-05-346948", "2411-130202-89-01-637015" })
    void publishedCodesVerify(String code) {
        ProjectCode.Verification v = ProjectCode.verify(code, "projectCode");
        assertTrue(v.valid(), v.errors().toString());
        assertEquals("GB/T 40058-2021", v.format());
        String[] parts = code.split("-");
        assertEquals(code, ProjectCode.compose(YearMonth.of(2000 + Integer.parseInt(parts[0].substring(0, 2)),
                Integer.parseInt(parts[0].substring(2))), parts[1], parts[2], parts[3], parts[4].substring(0, 5)));
    }

    @ParameterizedTest
    @CsvSource({
            "2603-141124-89-05-346947, check_digit",
            "2613-141124-89-05-346948, invalid_month",
            "2600-141124-89-05-346948, invalid_month",
            "2603-14112-89-05-3469481, format",
            "2603141124890534694800000, format",
            "'', required" })
    void brokenCodesNameTheRule(String code, String rule) {
        ProjectCode.Verification v = ProjectCode.verify(code, "projectCode");
        assertFalse(v.valid());
        assertEquals(rule, v.errors().get(0).code());
        assertEquals("projectCode", v.errors().get(0).field());
    }

    @ParameterizedTest
    @ValueSource(strings = { "2020-451421-88-03-016343", "2015-110101-47-01-000001" })
    void legacyCodesAreValidByShape(String code) {
        ProjectCode.Verification v = ProjectCode.verify(code, "projectCode");
        assertTrue(v.valid());
        assertEquals("legacy", v.format());
        assertEquals(code.substring(0, 4), v.segments().get("year"));
    }
}
