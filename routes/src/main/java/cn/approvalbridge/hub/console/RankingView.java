package cn.approvalbridge.hub.console;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.projectview.ZhFormat;
import cn.approvalbridge.hub.supervision.RankingReports;
import io.quarkus.qute.TemplateData;

/**
 * The month's ranking of the departments as the board shows it: the report {@code GET /api/v1/reports/department-ranking}
 * answers (kept once fixed, else the figures so far), bottom three marked, with the streak of months in it.
 */
@ApplicationScoped
public class RankingView {

    @TemplateData
    public record Row(int rank, String code, String name, int handled, int onTime, int overdue, int overdueOpen,
            String onTimeRate, String averageUsed, String averageLimit, int escalations, boolean bottomThree,
            int streak, boolean calledToExplain, String href, String overdueHref) {
    }

    @TemplateData
    public record Ranking(String month, String monthText, boolean fixed, String asOf, String fixedAt, String previous,
            String next, String current, List<Row> rows) {
    }

    @Inject
    RankingReports reports;

    @Inject
    Deadlines deadlines;

    /** {@code YYYY-MM} from 2000-01 to the current month; blank: the current one. Else 400 naming the field. */
    public YearMonth month(String month) {
        YearMonth now = YearMonth.from(deadlines.today());
        if (month == null || month.isBlank()) {
            return now;
        }
        YearMonth m;
        try {
            if (!month.matches("\\d{4}-\\d{2}")) {
                throw new DateTimeParseException("not YYYY-MM", month, 0);
            }
            m = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "month", "format", "月份须为 YYYY-MM 格式（如 " + now + "）");
        }
        if (m.isAfter(now) || m.getYear() < 2000) {
            throw new ApiException(400, "month", "out_of_range", "月份须在 2000-01 至本月（" + now + "）之间");
        }
        return m;
    }

    public Ranking ranking(YearMonth month) {
        JsonNode r = reports.report(month);
        List<Row> rows = new ArrayList<>();
        for (JsonNode d : r.path("departments")) {
            String code = d.path("departmentCode").asText();
            String dept = "department=" + SupervisionBoard.enc(code);
            rows.add(new Row(d.path("rank").asInt(), code, d.path("name").asText(), d.path("handled").asInt(),
                    d.path("onTime").asInt(), d.path("overdue").asInt(), d.path("overdueOpen").asInt(),
                    percent(d.path("onTimeRate")), decimal(d.path("averageWorkingDaysUsed")),
                    decimal(d.path("averageLimitWorkingDays")), d.path("escalations").asInt(),
                    d.path("bottomThree").asBoolean(), d.path("bottomThreeMonths").asInt(),
                    d.path("calledToExplain").asBoolean(), SupervisionBoard.ledgerLink(dept),
                    SupervisionBoard.ledgerLink(dept + "&overdue=true")));
        }
        YearMonth now = YearMonth.from(deadlines.today());
        String fixedAt = r.path("fixedAt").isTextual()
                ? ZhFormat.time(java.time.OffsetDateTime.parse(r.path("fixedAt").asText())) : null;
        return new Ranking(month.toString(), SupervisionBoard.monthText(month), r.path("final").asBoolean(),
                ZhFormat.date(LocalDate.parse(r.path("asOf").asText())), fixedAt,
                month.getYear() > 2000 || month.getMonthValue() > 1 ? month.minusMonths(1).toString() : null,
                month.isBefore(now) ? month.plusMonths(1).toString() : null, now.toString(), rows);
    }

    /** The chart: each department's share handled on time, in rank order, the bottom three in red. */
    static String chart(Ranking r) {
        List<SvgCharts.Bar> bars = new ArrayList<>();
        for (Row row : r.rows()) {
            double share = row.onTimeRate() == null ? 0 : Double.parseDouble(row.onTimeRate().replace("%", ""));
            String label = row.rank() + ". " + row.name();
            String text = row.onTimeRate() + "，超期 " + ZhFormat.number(row.overdue()) + " 件"
                    + (row.bottomThree() ? "（后三位）" : "");
            bars.add(new SvgCharts.Bar(label, share, text, row.overdueHref(), row.bottomThree()));
        }
        return SvgCharts.bars("ranking-chart", r.monthText() + "各部门按时办结率",
                "按排名顺序列出各部门本月按时办结的比例及超期件数；红色为排名后三位且有超期的部门。", bars, 100);
    }

    private static String percent(JsonNode rate) {
        if (!rate.isNumber()) {
            return null;
        }
        return ZhFormat.number(rate.decimalValue().multiply(BigDecimal.valueOf(100)).setScale(1,
                java.math.RoundingMode.HALF_UP)) + "%";
    }

    private static String decimal(JsonNode v) {
        return v.isNumber() ? ZhFormat.number(v.decimalValue()) : null;
    }
}
