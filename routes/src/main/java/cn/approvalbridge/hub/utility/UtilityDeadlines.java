package cn.approvalbridge.hub.utility;

import java.time.LocalDate;
import java.time.ZonedDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.deadline.Deadlines;

/**
 * Each provider's working-day limit for the step it owes, counted as every limit of the hub is ({@link Deadlines}).
 * The limits are per provider and step (see {@link UtilityProviders}).
 */
@ApplicationScoped
public class UtilityDeadlines {

    public record Limits(String step, LocalDate dueBy, LocalDate warnOn) {
    }

    @Inject
    Deadlines deadlines;

    @Inject
    UtilityProviders providers;

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
        Deadlines.Limits l = deadlines.limits(since, providers.limit(u, step));
        return new Limits(step, l.dueBy(), l.warnOn());
    }
}
