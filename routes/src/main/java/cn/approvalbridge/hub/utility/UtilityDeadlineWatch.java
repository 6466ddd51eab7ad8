package cn.approvalbridge.hub.utility;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.deadline.DeadlineWatch;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.Db;

/**
 * Each provider's step: still silent on its warning day, its duty desk (hub.utilities.&lt;UTILITY&gt;.duty-mobile) is
 * warned; silent after its due day, its supervisor gets the escalation. Raised once per step.
 */
@ApplicationScoped
public class UtilityDeadlineWatch implements DeadlineWatch<UtilityApplications.RequestRow> {

    private static final Map<String, String> STEP_NAMES = Map.of("accept", "受理", "availability", "提供踏勘时段",
            "survey", "现场踏勘", "plan", "方案答复", "construction", "施工", "connection", "验收接入");

    @Inject
    UtilityApplications applications;

    @Inject
    UtilityProviders providers;

    @Override
    public List<UtilityApplications.RequestRow> due(LocalDate today) {
        return applications.due(today);
    }

    @Override
    public String describe(UtilityApplications.RequestRow r) {
        return r.applicationId() + "/" + r.utility();
    }

    @Override
    public Optional<Watched> recheck(Connection c, UtilityApplications.RequestRow due) throws SQLException {
        UtilityApplications.AppRow a = applications.find(due.applicationId()).orElseThrow();
        Declarations.Row project = Declarations.lock(c, a.declarationId()).orElseThrow();
        UtilityApplications.RequestRow r = UtilityApplications.requests(c, a.applicationId()).stream()
                .filter(x -> x.utility() == due.utility()).findFirst().orElseThrow();
        if (r.step() == null || !r.step().equals(due.step())) {
            return Optional.empty(); // the provider moved on meanwhile
        }
        String subject = providers.name(r.utility()) + "报装" + STEP_NAMES.getOrDefault(r.step(), r.step()) + "（申请号"
                + a.applicationId() + "）";
        String key = a.applicationId() + ":" + r.utility() + ":" + r.step();
        List<Object> claimKeys = List.of(a.applicationId(), r.utility().name());
        String at = "{\"utility\":\"" + r.utility() + "\",\"step\":\"" + r.step() + "\",\"dueBy\":\"" + r.dueBy() + "\"";
        return Optional.of(new Watched(a.declarationId(), a.projectCode(), project.projectName(),
                "utility-deadline-monitor", subject, r.warnOn(), r.dueBy(), r.warnedAt() != null, r.escalatedAt() != null,
                new Raise("UPDATE hub_utility_request SET warned_at = ? WHERE application_id = ? AND utility = ? "
                        + "AND warned_at IS NULL", claimKeys, "UTILITY_DEADLINE_WARNING:" + key,
                        providers.dutyMobile(r.utility())),
                new Raise("UPDATE hub_utility_request SET escalated_at = ? WHERE application_id = ? AND utility = ? "
                        + "AND escalated_at IS NULL", claimKeys, "UTILITY_OVERDUE_ESCALATION:" + key,
                        providers.supervisorMobile(r.utility())),
                overdue -> at + ",\"overdueDays\":" + overdue + "}", at + "}",
                List.of(a.applicationId(), r.utility().name(), r.step())));
    }

    @Override
    public String name() {
        return "utility";
    }

    /** The item is (application, utility, step): owed while the provider is still at that step, escalated. */
    @Override
    public boolean stillOwed(Connection c, List<String> item) throws SQLException {
        return Db.one(c, "SELECT 1 FROM hub_utility_request WHERE application_id = ? AND utility = ? AND step = ? "
                + "AND escalated_at IS NOT NULL", rs -> 1, item.get(0), item.get(1), item.get(2)).isPresent();
    }
}
