package cn.approvalbridge.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingCalendarTest {

    private static final LocalTime CLOSE = LocalTime.of(17, 30);
    private final WorkingCalendar calendar = WorkingCalendar.loadDefault();

    @ParameterizedTest
    @CsvSource({
            "2026-10-01, false", // National Day
            "2026-10-07, false",
            "2026-10-10, true", // Saturday, make-up working day
            "2026-10-11, false", // ordinary Sunday
            "2026-02-14, true", // Saturday before Spring Festival, make-up
            "2026-02-16, false", // Spring Festival Monday
            "2026-11-23, true", // ordinary Monday
            "2025-01-26, true", // Sunday, make-up working day 2025
            "2025-10-08, false" })
    void knowsHolidaysAndMakeUpDays(LocalDate day, boolean working) {
        assertEquals(working, calendar.isWorkingDay(day));
    }

    @Test
    void threeWorkingDaysAcrossNationalDay() {
        // Received Tuesday 2026-09-29 10:00, not counted; Wednesday 30th is day 1, the holiday runs 1st to 7th,
        // Thursday 8th is day 2, Friday 9th day 3.
        ZonedDateTime received = ZonedDateTime.of(2026, 9, 29, 10, 0, 0, 0, ChinaTime.ZONE);
        assertEquals(LocalDate.of(2026, 10, 9), calendar.dueDate(received, 3, CLOSE));
        // Received Friday 2026-10-09: Saturday 10th is a make-up working day, so 1 working day ends on the 10th.
        assertEquals(LocalDate.of(2026, 10, 10),
                calendar.dueDate(ZonedDateTime.of(2026, 10, 9, 9, 0, 0, 0, ChinaTime.ZONE), 1, CLOSE));
    }

    @Test
    void afterOfficeHoursCountsFromTheNextWorkingDay() {
        ZonedDateTime mondayEvening = ZonedDateTime.of(2026, 11, 23, 18, 0, 0, 0, ChinaTime.ZONE);
        assertEquals(LocalDate.of(2026, 11, 24), calendar.deemedReceiptDay(mondayEvening, CLOSE));
        assertEquals(LocalDate.of(2026, 11, 27), calendar.dueDate(mondayEvening, 3, CLOSE));
        ZonedDateTime mondayMorning = mondayEvening.withHour(9);
        assertEquals(LocalDate.of(2026, 11, 26), calendar.dueDate(mondayMorning, 3, CLOSE));
        ZonedDateTime saturday = ZonedDateTime.of(2026, 11, 21, 11, 0, 0, 0, ChinaTime.ZONE);
        assertEquals(LocalDate.of(2026, 11, 26), calendar.dueDate(saturday, 3, CLOSE));
    }

    @Test
    void countsWorkingDaysBetween() {
        // 30 Sep, 8, 9 and 10 Oct (a make-up Saturday)
        assertEquals(4, calendar.workingDaysBetween(LocalDate.of(2026, 9, 29), LocalDate.of(2026, 10, 10)));
        assertEquals(0, calendar.workingDaysBetween(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7)));
    }

    @Test
    void pastTheLoadedYearsFallsBackToWeekdays(@TempDir Path dir) throws Exception {
        assertFalse(calendar.coversYear(2027));
        assertTrue(calendar.isWorkingDay(LocalDate.of(2027, 1, 1))); // a Friday: unknown holiday, counted as working
        Path file = dir.resolve("2027.json");
        Files.writeString(file, "{\"years\": {\"2027\": {\"daysOff\": [\"2027-01-01\"], \"makeUpWorkingDays\": []}}}");
        WorkingCalendar updated = calendar.withOverrides(file);
        assertTrue(updated.coversYear(2027));
        assertFalse(updated.isWorkingDay(LocalDate.of(2027, 1, 1)));
        assertEquals(Set.of(2025, 2026, 2027), updated.loadedYears());
        assertFalse(updated.isWorkingDay(LocalDate.of(2026, 10, 1)));
    }

    @Test
    void aBrokenFileNamesTheProblem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"years\": {\"2027\": {\"daysOff\": [\"2027-13-01\"]}}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkingCalendar.load(file));
        assertTrue(e.getMessage().contains("2027-13-01"), e.getMessage());
    }
}
