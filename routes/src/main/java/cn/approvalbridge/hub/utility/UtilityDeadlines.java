package cn.approvalbridge.hub.utility;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.support.WorkingCalendar;

/**
 * Each provider's working-day limit for the step it owes, counted as the hub counts pre-review (the day the step began
 * is not counted; after office hours or on a day off it counts from the next working day), with the warning day at
 * hub.deadlines.warning-share of the limit. The limits are per provider and step (see {@link UtilityProviders}).
 */
@ApplicationScoped
public class UtilityDeadlines {

    public record Limits(String step, LocalDate dueBy, LocalDate warnOn) {
    }

    @Inject
    WorkingCalendar calendar;

    @Inject
    Deadlines deadlines;

    @Inject
    UtilityProviders providers;

    @ConfigProperty(name = "hub.deadlines.office-close")
    LocalTime officeClose;

    @ConfigProperty(name = "hub.deadlines.warning-share")
    double warningShare;

    /**
     * The step a provider owes in a state: acceptance, then its free survey days, then (once the joint date is fixed)
     * the survey, the plan, the construction and the connection. Null when it owes nothing (waiting for the others'
     * availability, or done).
     */
    public static String step(UtilityState state, boolean hasAvailability, boolean surveyFixed) {
        return switch (state) {
            case REQUESTED -> "accept";
            case ACCEPTED -> !hasAvailability ? "availability" : surveyFixed ? "survey" : null;
            case SURVEY_SCHEDULED -> "plan";
            case PLAN_REPLIED -> "construction";
            case UNDER_CONSTRUCTION -> "connection";
            case CONNECTED, REJECTED -> null;
        };
    }

    public Limits limits(Utility u, String step, ZonedDateTime since) {
        int days = providers.limit(u, step);
        LocalDate start = calendar.deemedReceiptDay(since, officeClose);
        int warnAfter = Math.max(1, Math.min(days, (int) Math.floor(warningShare * days)));
        return new Limits(step, calendar.addWorkingDays(start, days), calendar.addWorkingDays(start, warnAfter));
    }

    public int overdueDays(LocalDate dueBy, LocalDate today) {
        return calendar.workingDaysBetween(dueBy, today);
    }
}
