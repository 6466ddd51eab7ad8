package cn.approvalbridge.hub.platform.deadline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import cn.approvalbridge.support.WorkingCalendar;

/**
 * Warns when the working-day calendar has no holiday data for this year or the next: deadlines then fall back to
 * Monday–Friday. It stays UP (the hub works; the deadlines are merely less exact) and says so in its data, with
 * {@code warning}, so monitoring can alert without taking the hub out of service.
 */
@Readiness
@ApplicationScoped
public class CalendarHealthCheck implements HealthCheck {

    @Inject
    WorkingCalendar calendar;

    @Inject
    Deadlines deadlines;

    @Override
    public HealthCheckResponse call() {
        int year = deadlines.today().getYear();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("working-day-calendar").up()
                .withData("loadedYears", calendar.loadedYears().toString());
        StringBuilder warning = new StringBuilder();
        for (int y = year; y <= year + 1; y++) {
            if (!calendar.coversYear(y)) {
                warning.append(warning.isEmpty() ? "" : "; ").append("no data for ").append(y)
                        .append(": Monday–Friday fallback, load the State Council's table (hub.calendar.path)");
            }
        }
        if (!warning.isEmpty()) {
            b.withData("warning", warning.toString());
        }
        return b.build();
    }
}
