package cn.approvalbridge.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Chinese working days (工作日), as the Administrative Licensing Law counts time limits (行政许可法 §82): weekends and
 * statutory holidays are off, make-up working days (调休补班) are on. Holidays are data (the State Council publishes the
 * next year each November): {@code calendar/cn-working-days.json} on the classpath, overridable per year from a file.
 * Past the loaded years the calendar falls back to Monday–Friday; {@link #coversYear(int)} lets a health check warn.
 */
public final class WorkingCalendar {

    public static final String DEFAULT_RESOURCE = "calendar/cn-working-days.json";

    private final Map<Integer, Year> years;

    private record Year(Set<LocalDate> daysOff, Set<LocalDate> makeUpWorkingDays) {
    }

    private WorkingCalendar(Map<Integer, Year> years) {
        this.years = Collections.unmodifiableMap(years);
    }

    /** The calendar shipped with the product. */
    public static WorkingCalendar loadDefault() {
        try (InputStream in = WorkingCalendar.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the shipped calendar " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return new WorkingCalendar(parse(in, DEFAULT_RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A calendar file of the shipped form alone. */
    public static WorkingCalendar load(Path file) {
        return new WorkingCalendar(read(file));
    }

    /** This calendar with every year in {@code file} replacing (or adding to) the years loaded so far. */
    public WorkingCalendar withOverrides(Path file) {
        Map<Integer, Year> merged = new TreeMap<>(years);
        merged.putAll(read(file));
        return new WorkingCalendar(merged);
    }

    public boolean isWorkingDay(LocalDate day) {
        Year year = years.get(day.getYear());
        if (year != null) {
            if (year.makeUpWorkingDays().contains(day)) {
                return true;
            }
            if (year.daysOff().contains(day)) {
                return false;
            }
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /**
     * The day a request counts as received: its own day when it is a working day and it came before office hours
     * ended; otherwise the next working day (视为次个工作日受理).
     */
    public LocalDate deemedReceiptDay(ZonedDateTime receivedAt, LocalTime officeClose) {
        ZonedDateTime local = receivedAt.withZoneSameInstant(ChinaTime.ZONE);
        LocalDate day = local.toLocalDate();
        if (isWorkingDay(day) && local.toLocalTime().isBefore(officeClose)) {
            return day;
        }
        return nextWorkingDay(day);
    }

    /** The first working day after {@code day}. */
    public LocalDate nextWorkingDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    /** The n-th working day after {@code from}; {@code from} itself is not counted (n = 0 gives {@code from}). */
    public LocalDate addWorkingDays(LocalDate from, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("working days must not be negative: " + n);
        }
        LocalDate day = from;
        for (int i = 0; i < n; i++) {
            day = nextWorkingDay(day);
        }
        return day;
    }

    /** The last day of a limit of {@code workingDays} for a request received at {@code receivedAt}. */
    public LocalDate dueDate(ZonedDateTime receivedAt, int workingDays, LocalTime officeClose) {
        return addWorkingDays(deemedReceiptDay(receivedAt, officeClose), workingDays);
    }

    /** Working days in (from, to]: 0 when {@code to} is not after {@code from}. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    /** Whether holidays are loaded for {@code year}; without them the calendar only knows weekends. */
    public boolean coversYear(int year) {
        return years.containsKey(year);
    }

    public Set<Integer> loadedYears() {
        return new TreeSet<>(years.keySet());
    }

    private static Map<Integer, Year> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the working-day calendar " + file, e);
        }
    }

    private static Map<Integer, Year> parse(InputStream in, String source) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        JsonNode yearsNode = root == null ? null : root.get("years");
        if (yearsNode == null || !yearsNode.isObject()) {
            throw new IllegalArgumentException(source + ": a calendar needs an object \"years\" keyed by year");
        }
        Map<Integer, Year> result = new TreeMap<>();
        var fields = yearsNode.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            int year;
            try {
                year = Integer.parseInt(entry.getKey());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ": \"" + entry.getKey() + "\" is not a year");
            }
            Set<LocalDate> off = days(entry.getValue().get("daysOff"), year, source);
            Set<LocalDate> on = days(entry.getValue().get("makeUpWorkingDays"), year, source);
            result.put(year, new Year(Set.copyOf(off), Set.copyOf(on)));
        }
        return result;
    }

    private static Set<LocalDate> days(JsonNode list, int year, String source) {
        Set<LocalDate> days = new HashSet<>();
        if (list == null) {
            return days;
        }
        for (JsonNode item : list) {
            String text = item.asText();
            try {
                String[] range = text.split("/");
                LocalDate first = LocalDate.parse(range[0]);
                LocalDate last = range.length > 1 ? LocalDate.parse(range[1]) : first;
                if (last.isBefore(first)) {
                    throw new IllegalArgumentException(source + ": range " + text + " ends before it starts");
                }
                for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                    days.add(d);
                }
                if (first.getYear() != year && last.getYear() != year) {
                    throw new IllegalArgumentException(source + ": " + text + " is listed under " + year);
                }
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(source + ": \"" + text + "\" is not a date YYYY-MM-DD or range A/B", e);
            }
        }
        return days;
    }
}
