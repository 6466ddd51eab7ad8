package cn.approvalbridge.hub.utility;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import cn.approvalbridge.hub.utility.UtilityApplication.SurveyWindow;

/**
 * The joint survey (一次踏勘), as a pure function: the providers' free days within the unit's windows → one date. The
 * earliest date that suits every provider; when none does, the earliest date that suits the most (proposed), the
 * others to be escalated; when no provider offers a day within the windows, no date and every provider escalated.
 */
public final class SurveyScheduler {

    public record Plan(LocalDate date, boolean agreed, Set<Utility> suited, Set<Utility> unsuited) {
    }

    private SurveyScheduler() {
    }

    public static Plan plan(List<SurveyWindow> windows, Map<Utility, Set<LocalDate>> availability) {
        TreeSet<LocalDate> candidates = new TreeSet<>();
        availability.values().forEach(days -> days.stream().filter(d -> inWindows(windows, d)).forEach(candidates::add));
        LocalDate best = null;
        int bestCount = 0;
        for (LocalDate d : candidates) { // ascending: on a tie the earlier date stays
            int count = (int) availability.values().stream().filter(days -> days.contains(d)).count();
            if (count > bestCount) {
                best = d;
                bestCount = count;
            }
        }
        Set<Utility> suited = EnumSet.noneOf(Utility.class);
        Set<Utility> unsuited = EnumSet.noneOf(Utility.class);
        for (var e : availability.entrySet()) {
            (best != null && e.getValue().contains(best) ? suited : unsuited).add(e.getKey());
        }
        return new Plan(best, best != null && unsuited.isEmpty(), suited, unsuited);
    }

    static boolean inWindows(List<SurveyWindow> windows, LocalDate d) {
        return windows.stream().anyMatch(w -> !d.isBefore(w.from()) && !d.isAfter(w.to()));
    }
}
