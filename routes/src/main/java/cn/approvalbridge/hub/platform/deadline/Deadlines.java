package cn.approvalbridge.hub.platform.deadline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.WorkingCalendar;

/**
 * Limits in working days (pre-review; item lists, material review and approval of steps 4-7): the day of receipt is not counted, a declaration after office hours (or on a day
 * off) counts from the next working day. The warning falls on the working day that uses up hub.deadlines.warning-share
 * of the limit (0.67 of 3 → the 2nd working day, one day before the due day); a department still silent after its due
 * day is overdue.
 */
@ApplicationScoped
public class Deadlines {

    @Inject
    WorkingCalendar calendar;

    @Inject
    Clock clock;

    @ConfigProperty(name = "hub.deadlines.pre-review-working-days")
    int preReviewDays;

    @ConfigProperty(name = "hub.deadlines.office-close")
    LocalTime officeClose;

    @ConfigProperty(name = "hub.deadlines.warning-share")
    double warningShare;

    public record Limits(LocalDate dueBy, LocalDate warnOn) {
    }

    public ZonedDateTime now() {
        return ZonedDateTime.now(clock.withZone(ChinaTime.ZONE));
    }

    public LocalDate today() {
        return now().toLocalDate();
    }

    public Limits preReview(ZonedDateTime receivedAt) {
        return limits(receivedAt, preReviewDays);
    }

    /** A limit of {@code workingDays} for something received at {@code receivedAt} (steps 4-7 use this too). */
    public Limits limits(ZonedDateTime receivedAt, int workingDays) {
        return limitsFrom(receiptDay(receivedAt), workingDays);
    }

    /** A limit of {@code workingDays} counted from the day after {@code receiptDay}. */
    public Limits limitsFrom(LocalDate receiptDay, int workingDays) {
        LocalDate due = calendar.addWorkingDays(receiptDay, workingDays);
        int warnAfter = Math.max(1, Math.min(workingDays, (int) Math.floor(warningShare * workingDays)));
        return new Limits(due, calendar.addWorkingDays(receiptDay, warnAfter));
    }

    /** The day something received at {@code at} counts from (after office hours or on a day off: the next working day). */
    public LocalDate receiptDay(ZonedDateTime at) {
        return calendar.deemedReceiptDay(at, officeClose);
    }

    /** Working days past the due day (1 on the first working day after it). */
    public int overdueDays(LocalDate dueBy, LocalDate today) {
        return calendar.workingDaysBetween(dueBy, today);
    }
}
