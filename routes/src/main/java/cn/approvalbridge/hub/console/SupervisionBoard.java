package cn.approvalbridge.hub.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.commitment.CommitmentBoard;
import cn.approvalbridge.hub.keyprojects.KeyProjectMonth;
import cn.approvalbridge.hub.keyprojects.KeyProjects;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.hub.projectview.ZhFormat;
import cn.approvalbridge.hub.supervision.Ledger;
import cn.approvalbridge.hub.supervision.LedgerQuery;
import cn.approvalbridge.hub.supervision.SupervisionCases;
import cn.approvalbridge.support.Db;
import io.quarkus.qute.TemplateData;

/**
 * The figures of the supervisors' board, from the flows' own sources: the ledger (overdue projects per department, as
 * {@code GET /api/v1/projects?department=..&overdue=true} counts them; projects per step), the open 13710 cases, the
 * key projects without their monthly progress, the commitment checks. {@link RankingView} adds the month's ranking.
 */
@ApplicationScoped
public class SupervisionBoard {

    /** The ledger's steps in their order, with the names the project pages use. */
    static final Map<String, String> STEPS = new LinkedHashMap<>();

    static {
        STEPS.put("PRE_REVIEW", "立项预审");
        STEPS.put("CODE_ASSIGNMENT", "统一赋码");
        STEPS.put("PARALLEL_PRELIMINARY_REVIEW", "并联初审");
        STEPS.put("WINDOW_ACCEPTANCE", "窗口受理");
        STEPS.put("APPROVAL", "审批办理");
        STEPS.put("COMPLETED", "办结");
    }

    static final Map<String, String> LEVELS = Map.of("PROVINCIAL", "省重点", "MUNICIPAL", "市重点", "DISTRICT", "区重点");

    @TemplateData
    public record DepartmentOverdue(String code, String name, int projects, int items, String href) {
    }

    @TemplateData
    public record StepCount(String step, String label, int projects, String href) {
    }

    @TemplateData
    public record OpenCase(String caseId, String projectName, String projectCode, String departmentName,
            String subject, String dueBy, int overdueDays, String openedAt, int reminders, String interviewedAt,
            String href) {
    }

    @TemplateData
    public record MissingProgress(String projectCode, String projectName, String level, String month, String dueBy,
            boolean fixed, String href) {
    }

    @TemplateData
    public record Checks(long approved, long due, long done, long overdue, long failed, String checkedShare,
            String asOf) {
    }

    /** What the ledger shows at once: per department, per step, and in all. */
    @TemplateData
    public record LedgerFigures(List<DepartmentOverdue> departments, List<StepCount> steps, int projects,
            int overdueProjects) {
    }

    @Inject
    Ledger ledger;
    @Inject
    Departments departments;
    @Inject
    SupervisionCases cases;
    @Inject
    KeyProjects keyProjects;
    @Inject
    KeyProjectMonth keyProjectMonth;
    @Inject
    CommitmentBoard commitments;
    @Inject
    Deadlines deadlines;
    @Inject
    Db db;

    /** The ledger link of a filter ("department=FGW&overdue=true"). */
    static String ledgerLink(String query) {
        return "/console/supervision/ledger?" + query;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public LedgerFigures ledgerFigures() {
        List<Ledger.Entry> all = ledger.select(new LedgerQuery(null, null, null, null, null, null, null, null, null, 1,
                1, "declaredAt", true));
        List<DepartmentOverdue> perDepartment = new ArrayList<>();
        for (String code : departments.codes()) {
            int projects = 0;
            int items = 0;
            for (Ledger.Entry e : all) {
                // as the ledger's filter: a project the department reviews, late on one of the department's limits
                long mine = e.overdueItems().stream().filter(i -> i.departmentCode().equals(code)).count();
                if (mine > 0 && e.departments().contains(code)) {
                    projects++;
                    items += (int) mine;
                }
            }
            perDepartment.add(new DepartmentOverdue(code, departments.name(code), projects, items,
                    ledgerLink("department=" + enc(code) + "&overdue=true")));
        }
        List<StepCount> steps = new ArrayList<>();
        STEPS.forEach((step, label) -> steps.add(new StepCount(step, label,
                (int) all.stream().filter(e -> step.equals(e.step())).count(), ledgerLink("step=" + step))));
        return new LedgerFigures(perDepartment, steps, all.size(), (int) all.stream().filter(Ledger.Entry::overdue)
                .count());
    }

    public List<OpenCase> openCases() {
        List<OpenCase> out = new ArrayList<>();
        for (SupervisionCases.Case k : db.read(cases::openCases)) {
            String key = k.projectCode() != null ? k.projectCode() : k.projectName();
            out.add(new OpenCase(k.caseId(), k.projectName(), k.projectCode(), departmentName(k.departmentCode()),
                    k.subject(), ZhFormat.date(k.dueBy()), k.overdueDays(), ZhFormat.time(k.openedAt()), k.reminders(),
                    ZhFormat.time(k.interviewedAt()), ledgerLink("q=" + enc(key))));
        }
        return out;
    }

    /** The month whose progress the units report now: the one before today's (due on the report day of this one). */
    public YearMonth progressMonth() {
        return YearMonth.from(deadlines.today()).minusMonths(1);
    }

    /** Coded key projects without progress for {@link #progressMonth()}: still due, or already sent on as missing. */
    public List<MissingProgress> missingProgress() {
        YearMonth month = progressMonth();
        String due = ZhFormat.date(keyProjectMonth.dueAt(month).toLocalDate());
        List<MissingProgress> out = new ArrayList<>();
        for (KeyProjects.KeyProject p : keyProjects.coded()) {
            if (p.codedMonth().isAfter(month)) {
                continue;
            }
            boolean[] state = db.read(c -> new boolean[] { keyProjects.progress(c, p.projectCode(), month).isPresent(),
                    keyProjects.fixed(c, p.projectCode(), month) });
            if (!state[0]) {
                out.add(new MissingProgress(p.projectCode(), p.projectName(), LEVELS.getOrDefault(p.level(), p.level()),
                        monthText(month), due, state[1], ledgerLink("keyProject=" + enc(p.level()) + "&q="
                                + enc(p.projectCode()))));
            }
        }
        return out;
    }

    public Checks checks() {
        Map<String, Object> m = commitments.counts();
        long approved = n(m, "approvedOnCommitment");
        long done = n(m, "checksDone");
        String share = approved == 0 ? null
                : ZhFormat.number(BigDecimal.valueOf(done * 100L).divide(BigDecimal.valueOf(approved), 1,
                        RoundingMode.DOWN)) + "%";
        return new Checks(approved, n(m, "checksDue"), done, n(m, "checksOverdue"), n(m, "checksFailed"), share,
                ZhFormat.date(LocalDate.parse((String) m.get("asOf"))));
    }

    private static long n(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    String departmentName(String code) {
        return departments.isKnown(code) ? departments.name(code) : code;
    }

    static String monthText(YearMonth m) {
        return m.getYear() + "年" + m.getMonthValue() + "月";
    }
}
