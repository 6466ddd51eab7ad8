package cn.approvalbridge.hub.supervision;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.hub.supervision.DepartmentDeadlines.Deadline;
import cn.approvalbridge.support.WorkingCalendar;

/**
 * The monthly ranking of the departments (排队通报) from their limits of that month ({@link DepartmentDeadlines}):
 * handled (answered in the month), on time, overdue (answered late in the month, or still owed and past due at its
 * end), the working days used against the limit, escalations. Ranked by overdue (fewest first), then the share on time,
 * then the share of the limit used, then escalations. "Bottom three" is the three lowest ranks among departments with
 * something overdue (with four departments, three would otherwise always be in it); three such months running and the
 * department is to be called to explain (约谈).
 */
@ApplicationScoped
public class DepartmentRanking {

    @Inject
    Departments departments;

    @Inject
    WorkingCalendar calendar;

    @Inject
    ObjectMapper json;

    /** The figures of {@code month} as of {@code asOf} (its last day once it is over); {@code previous} the month before. */
    public ObjectNode compute(YearMonth month, LocalDate asOf, List<Deadline> all, JsonNode previous) {
        LocalDate first = month.atDay(1);
        List<Row> rows = new ArrayList<>();
        for (String code : departments.codes()) {
            rows.add(row(code, all.stream().filter(d -> d.departmentCode().equals(code)).toList(), first, asOf));
        }
        rows.sort(Comparator.comparingInt(Row::overdue).thenComparing(Row::onTimeShare, Comparator.reverseOrder())
                .thenComparing(Row::usedShare).thenComparingInt(Row::escalations).thenComparing(Row::code));
        ObjectNode report = json.createObjectNode();
        report.put("month", month.toString());
        report.put("final", false);
        report.put("asOf", asOf.toString());
        ArrayNode list = report.putArray("departments");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int rank = i + 1;
            boolean bottom = rank > rows.size() - 3 && r.overdue() > 0;
            int streak = bottom ? previousStreak(previous, r.code()) + 1 : 0;
            ObjectNode d = list.addObject();
            d.put("departmentCode", r.code());
            d.put("name", departments.name(r.code()));
            d.put("handled", r.handled());
            d.put("onTime", r.onTime());
            d.put("overdue", r.overdue());
            d.put("overdueOpen", r.overdueOpen());
            d.put("onTimeRate", round(r.onTimeShare(), 3));
            if (r.handled() > 0) {
                d.put("averageWorkingDaysUsed", round(r.usedDays() / r.handled(), 1));
                d.put("averageLimitWorkingDays", round(r.limitDays() / r.handled(), 1));
            } else {
                d.putNull("averageWorkingDaysUsed");
                d.putNull("averageLimitWorkingDays");
            }
            d.put("escalations", r.escalations());
            d.put("rank", rank);
            d.put("bottomThree", bottom);
            d.put("bottomThreeMonths", streak);
            d.put("calledToExplain", streak >= 3);
        }
        return report;
    }

    private static int previousStreak(JsonNode previous, String code) {
        if (previous == null) {
            return 0;
        }
        for (JsonNode d : previous.path("departments")) {
            if (code.equals(d.path("departmentCode").asText())) {
                return d.path("bottomThreeMonths").asInt(0);
            }
        }
        return 0;
    }

    private record Row(String code, int handled, int onTime, int overdue, int overdueOpen, double usedDays,
            double limitDays, int escalations) {

        double onTimeShare() {
            return handled == 0 ? 1.0 : (double) onTime / handled;
        }

        /** Nothing handled: as if each had taken its whole limit, between the quick and the late. */
        double usedShare() {
            return handled == 0 || limitDays == 0 ? 1.0 : usedDays / limitDays;
        }
    }

    private Row row(String code, List<Deadline> mine, LocalDate first, LocalDate asOf) {
        int handled = 0;
        int onTime = 0;
        int lateHandled = 0;
        int open = 0;
        double used = 0;
        double limit = 0;
        int escalations = 0;
        for (Deadline d : mine) {
            LocalDate a = d.answeredOn();
            if (a != null && !a.isBefore(first) && !a.isAfter(asOf)) {
                handled++;
                if (a.isAfter(d.dueBy())) {
                    lateHandled++;
                    used += d.limitDays() + calendar.workingDaysBetween(d.dueBy(), a);
                } else {
                    onTime++;
                    used += Math.max(0, d.limitDays() - calendar.workingDaysBetween(a, d.dueBy()));
                }
                limit += d.limitDays();
            }
            boolean owedAtEnd = a == null ? d.running() : a.isAfter(asOf);
            if (owedAtEnd && d.dueBy().isBefore(asOf)) {
                open++;
            }
            if (d.escalatedAt() != null) {
                LocalDate e = d.escalatedAt().atZoneSameInstant(cn.approvalbridge.support.ChinaTime.ZONE).toLocalDate();
                if (!e.isBefore(first) && !e.isAfter(asOf)) {
                    escalations++;
                }
            }
        }
        return new Row(code, handled, onTime, lateHandled + open, open, used, limit, escalations);
    }

    private static BigDecimal round(double v, int scale) {
        return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP);
    }

    /** Departments by code in a stored or computed report, for tests and metrics. */
    static Map<String, JsonNode> byCode(JsonNode report) {
        Map<String, JsonNode> m = new java.util.LinkedHashMap<>();
        report.path("departments").forEach(d -> m.put(d.path("departmentCode").asText(), d));
        return m;
    }
}
