package cn.approvalbridge.hub.console;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;

import cn.approvalbridge.hub.supervision.Csv;
import cn.approvalbridge.hub.supervision.Ledger;

/** Each table of the supervisors' board as a CSV file (UTF-8 with BOM, for Excel), Chinese column names. */
final class SupervisionCsv {

    private SupervisionCsv() {
    }

    static Response file(String name, List<String> header, List<List<Object>> rows) {
        return Response.ok(Csv.of(header, rows), Csv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
    }

    static Response overdue(SupervisionBoard.LedgerFigures f) {
        List<List<Object>> rows = new ArrayList<>();
        f.departments().forEach(d -> rows.add(List.of(d.code(), d.name(), d.projects(), d.items())));
        return file("overdue-by-department", List.of("部门代码", "部门", "超期项目数", "超期事项数"), rows);
    }

    static Response steps(SupervisionBoard.LedgerFigures f) {
        List<List<Object>> rows = new ArrayList<>();
        f.steps().forEach(s -> rows.add(List.of(s.step(), s.label(), s.projects())));
        return file("projects-by-step", List.of("环节代码", "环节", "项目数"), rows);
    }

    static Response ranking(RankingView.Ranking r) {
        List<List<Object>> rows = new ArrayList<>();
        for (RankingView.Row d : r.rows()) {
            rows.add(List.of(r.month(), r.fixed() ? "最终" : "截至" + r.asOf(), d.rank(), d.code(), d.name(), d.handled(),
                    d.onTime(), d.overdue(), d.overdueOpen(), nz(d.onTimeRate()), nz(d.averageUsed()),
                    nz(d.averageLimit()), d.escalations(), d.bottomThree() ? "是" : "否", d.streak(),
                    d.calledToExplain() ? "是" : "否"));
        }
        return file("department-ranking-" + r.month(), List.of("月份", "状态", "排名", "部门代码", "部门", "办结", "按时",
                "超期", "超期未办", "按时率", "平均用时（工作日）", "平均时限（工作日）", "升级督办", "后三位", "连续后三位月数",
                "应约谈"), rows);
    }

    static Response cases(List<SupervisionBoard.OpenCase> cases) {
        List<List<Object>> rows = new ArrayList<>();
        for (SupervisionBoard.OpenCase k : cases) {
            rows.add(List.of(k.caseId(), k.projectName(), nz(k.projectCode()), k.departmentName(), k.subject(),
                    k.dueBy(), k.overdueDays(), k.openedAt(), k.reminders(), nz(k.interviewedAt())));
        }
        return file("supervision-cases-open", List.of("督办编号", "项目名称", "项目代码", "责任单位", "督办事项", "应办结日期",
                "超期工作日", "立案时间", "催办次数", "约谈时间"), rows);
    }

    static Response missingProgress(List<SupervisionBoard.MissingProgress> missing) {
        List<List<Object>> rows = new ArrayList<>();
        for (SupervisionBoard.MissingProgress m : missing) {
            rows.add(List.of(m.projectCode(), m.projectName(), m.level(), m.month(), m.dueBy(),
                    m.fixed() ? "已按缺报报送平台" : "未报送"));
        }
        return file("key-projects-missing-progress", List.of("项目代码", "项目名称", "级别", "月份", "报送期限", "状态"),
                rows);
    }

    static Response checks(SupervisionBoard.Checks c) {
        List<List<Object>> rows = List.of(List.of("承诺制审批事项", c.approved()), List.of("待核查（未到期）", c.due()),
                List.of("已核查", c.done()), List.of("核查超期", c.overdue()), List.of("核查不合格", c.failed()),
                List.of("核查完成率", nz(c.checkedShare())));
        return file("commitment-checks", List.of("指标", "数量"), rows);
    }

    static Response ledger(List<Ledger.Entry> entries) {
        List<List<Object>> rows = new ArrayList<>();
        for (Ledger.Entry e : entries) {
            rows.add(List.of(e.declarationId(), nz(e.projectCode()), e.projectName(),
                    SupervisionBoard.STEPS.getOrDefault(e.step(), e.step()), LedgerView.declared(e),
                    LedgerView.dueBy(e), nz(e.limit().daysLeft()), e.overdue() ? "是" : "否",
                    String.join("，", e.departments()), LedgerView.lateText(e)));
        }
        return file("ledger", List.of("申报编号", "项目代码", "项目名称", "所处环节", "申报时间", "全流程应办结日期",
                "剩余工作日", "超期", "参与部门", "超期事项"), rows);
    }

    static Object nz(Object v) {
        return v == null ? "" : v;
    }
}
