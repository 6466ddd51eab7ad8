package cn.approvalbridge.hub.utility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.utility.UtilityApplication.SurveyWindow;

/** The joint survey (一次踏勘): one date that suits all, else the earliest that suits most, the rest escalated. */
class SurveySchedulerTest {

    static final List<SurveyWindow> WINDOWS = List.of(new SurveyWindow(d(9), d(13)), new SurveyWindow(d(16), d(20)));

    static LocalDate d(int day) {
        return LocalDate.of(2026, 3, day);
    }

    @Test
    void commonSlotIsTheEarliestDayEveryProviderOffersWithinTheWindows() {
        Map<Utility, Set<LocalDate>> a = new EnumMap<>(Utility.class);
        a.put(Utility.WATER, Set.of(d(5), d(10), d(12), d(17)));  // 5th is before the windows
        a.put(Utility.POWER, Set.of(d(5), d(12), d(17)));
        a.put(Utility.HEAT, Set.of(d(5), d(11), d(12), d(17)));
        SurveyScheduler.Plan p = SurveyScheduler.plan(WINDOWS, a);
        assertEquals(d(12), p.date());
        assertTrue(p.agreed());
        assertEquals(Set.of(Utility.WATER, Utility.POWER, Utility.HEAT), p.suited());
        assertTrue(p.unsuited().isEmpty());
    }

    @Test
    void noCommonSlotProposesTheEarliestDaySuitingMostAndNamesTheRest() {
        Map<Utility, Set<LocalDate>> a = new EnumMap<>(Utility.class);
        a.put(Utility.WATER, Set.of(d(10), d(18)));
        a.put(Utility.POWER, Set.of(d(10), d(18)));
        a.put(Utility.GAS, Set.of(d(18)));
        a.put(Utility.TELECOM, Set.of(d(11), d(19)));
        SurveyScheduler.Plan p = SurveyScheduler.plan(WINDOWS, a);
        assertEquals(d(18), p.date()); // 3 of 4 on the 18th beats 2 of 4 on the 10th
        assertFalse(p.agreed());
        assertEquals(Set.of(Utility.TELECOM), p.unsuited());
    }

    @Test
    void onTiesTheEarlierDayWins() {
        Map<Utility, Set<LocalDate>> a = new EnumMap<>(Utility.class);
        a.put(Utility.WATER, Set.of(d(17)));
        a.put(Utility.POWER, Set.of(d(10)));
        SurveyScheduler.Plan p = SurveyScheduler.plan(WINDOWS, a);
        assertEquals(d(10), p.date());
        assertEquals(Set.of(Utility.WATER), p.unsuited());
    }

    @Test
    void oneUtilityOnlyTakesItsEarliestDayInTheWindows() {
        SurveyScheduler.Plan p = SurveyScheduler.plan(WINDOWS, Map.of(Utility.GAS, Set.of(d(2), d(16), d(19))));
        assertEquals(d(16), p.date());
        assertTrue(p.agreed());
    }

    @Test
    void noDayWithinTheWindowsEscalatesEveryone() {
        SurveyScheduler.Plan p = SurveyScheduler.plan(WINDOWS,
                Map.of(Utility.GAS, Set.of(d(2)), Utility.POWER, Set.<LocalDate>of()));
        assertNull(p.date());
        assertFalse(p.agreed());
        assertEquals(Set.of(Utility.GAS, Utility.POWER), p.unsuited());
    }
}
