package cn.approvalbridge.hub.platform.deadline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.approvalbridge.support.WorkingCalendar;

/**
 * The working-day calendar: the shipped one (2025, 2026), with the years of hub.calendar.path (same JSON form) replacing
 * or adding to them, so operators load next year's holidays (published each November) without a rebuild; read at start.
 */
@ApplicationScoped
public class CalendarProducer {

    @ConfigProperty(name = "hub.calendar.path")
    Optional<String> path;

    @Produces
    @ApplicationScoped
    WorkingCalendar calendar() {
        WorkingCalendar calendar = WorkingCalendar.loadDefault();
        Optional<Path> file = path.filter(p -> !p.isBlank()).map(Path::of);
        if (file.isPresent()) {
            if (!Files.isReadable(file.get())) {
                throw new IllegalStateException("hub.calendar.path (CALENDAR_PATH) names " + file.get()
                        + ", which is not a readable file: fix the path or unset it to use the shipped calendar");
            }
            calendar = calendar.withOverrides(file.get());
        }
        return calendar;
    }
}
