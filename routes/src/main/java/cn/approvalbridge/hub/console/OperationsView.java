package cn.approvalbridge.hub.console;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.partners.PartnerBreakers;
import cn.approvalbridge.hub.platform.partners.PartnerStatus;
import cn.approvalbridge.hub.projectview.ZhFormat;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.support.WorkingCalendar;
import io.quarkus.qute.TemplateData;

/** What the operators' page shows besides dead letters: partners, the outbox backlog, the calendar's coverage. */
@ApplicationScoped
public class OperationsView {

    @TemplateData
    public record Partner(String name, String state, String stateLabel, boolean down, String since, String downSince,
            int waiting, String oldestWaitingSince, int failures, String lastError, String lastErrorAt) {
    }

    @TemplateData
    public record Backlog(int unsent, String oldest, List<QueueCount> queues) {
    }

    @TemplateData
    public record QueueCount(String queue, int count) {
    }

    @TemplateData
    public record Coverage(String loadedYears, int year, boolean thisYear, boolean nextYear) {
        public int nextYearNumber() {
            return year + 1;
        }
    }

    @Inject
    PartnerBreakers breakers;

    @Inject
    Db db;

    @Inject
    WorkingCalendar calendar;

    @Inject
    Deadlines deadlines;

    public List<Partner> partners() {
        return breakers.statuses().stream().map(OperationsView::partner).toList();
    }

    public Backlog backlog() {
        return db.read(c -> {
            int unsent = Db.one(c, "SELECT COUNT(*) FROM hub_outbox WHERE sent_at IS NULL", rs -> rs.getInt(1)).orElse(0);
            // MIN of no rows is one row holding NULL
            List<OffsetDateTime> oldest = Db.list(c, "SELECT MIN(created_at) AS oldest FROM hub_outbox WHERE sent_at IS NULL",
                    rs -> Db.time(rs, "oldest"));
            List<QueueCount> queues = Db.listAtMost(c, 10, "SELECT queue_name, COUNT(*) AS n FROM hub_outbox "
                    + "WHERE sent_at IS NULL GROUP BY queue_name ORDER BY COUNT(*) DESC", rs -> new QueueCount(rs.getString(1),
                            rs.getInt(2)));
            return new Backlog(unsent, oldest.isEmpty() ? null : ZhFormat.time(oldest.get(0)), queues);
        });
    }

    public Coverage coverage() {
        int year = deadlines.today().getYear();
        return new Coverage(calendar.loadedYears().stream().sorted().map(y -> y + "年").collect(Collectors.joining("、")),
                year, calendar.coversYear(year), calendar.coversYear(year + 1));
    }

    private static Partner partner(PartnerStatus s) {
        String label = switch (s.state()) {
            case "CLOSED" -> "正常";
            case "OPEN" -> "中断";
            case "HALF_OPEN" -> "试探恢复中";
            default -> s.state();
        };
        return new Partner(s.name(), s.state(), label, s.downSince() != null, ZhFormat.time(s.since()),
                ZhFormat.time(s.downSince()), s.waiting(), ZhFormat.time(s.oldestWaitingSince()), s.consecutiveFailures(),
                s.lastError(), ZhFormat.time(s.lastErrorAt()));
    }
}
