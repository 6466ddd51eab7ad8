package cn.approvalbridge.hub.utility;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.notice.Notices;
import cn.approvalbridge.hub.platform.security.StatusTokens;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.prereview.Declarations;

/**
 * The SMS of the utility connection (event UTILITY_STATUS_CHANGED), each added to the outbox in the transaction of the
 * change it reports: to the unit when a provider connects, rejects or the joint survey date is set; to a provider's
 * supervisor when the survey date does not suit it.
 */
@ApplicationScoped
public class UtilityNotices {

    @Inject
    Outbox outbox;

    @Inject
    Notices notices;

    @Inject
    UtilityProviders providers;

    @Inject
    StatusTokens statusTokens;

    /** To the unit's contact: {@code utility} (供气, or the utilities of the survey) and what happened. */
    public Outbox.Message toUnit(Connection c, UtilityApplications.AppRow a, Declarations.Row project, String eventId,
            String utility, String status) throws SQLException {
        return outbox.add(c, Queues.NOTIFICATIONS, notices.toUnit(eventId, "UTILITY_STATUS_CHANGED", a.unitMobile(),
                a.projectCode(), project.projectName(), Map.of("utility", utility, "status", status), a.declarationId()));
    }

    /** To the supervisor of a provider the survey date does not suit (none configured: no SMS). */
    public Optional<Outbox.Message> surveyEscalation(Connection c, UtilityApplications.AppRow a, Declarations.Row project,
            Utility u, LocalDate proposed) throws SQLException {
        Optional<String> supervisor = providers.supervisorMobile(u);
        if (supervisor.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>(statusTokens.linkParams(a.projectCode()));
        params.put("utility", providers.name(u));
        params.put("status", proposed == null ? "联合踏勘无共同可用日期，请协调"
                : "联合踏勘拟定" + proposed + "，与贵单位空闲时段不符，请协调");
        return Optional.of(outbox.add(c, Queues.NOTIFICATIONS, notices.notice(
                "UTILITY_SURVEY_ESCALATION:" + a.applicationId() + ":" + u, "UTILITY_STATUS_CHANGED", supervisor.get(),
                a.projectCode(), project.projectName(), params, a.declarationId())));
    }
}
