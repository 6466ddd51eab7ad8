package cn.approvalbridge.hub.utility;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.deadline.Escalations;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.OutboxRelay;

/**
 * Early warning and escalation of each provider's step, as the hub's DeadlineMonitor does for departments: still
 * silent on its warning day → DEADLINE_WARNING (trail, SMS to the provider's duty desk,
 * hub.utilities.&lt;UTILITY&gt;.duty-mobile); silent after its due day → OVERDUE_ESCALATION (trail, SMS to its
 * supervisor). Each raised once per step, claimed by a conditional update in the transaction of the trail entry and
 * the SMS's outbox message. Runs every hub.deadlines.check-interval.
 */
@ApplicationScoped
public class UtilityDeadlineMonitor {

    private static final Logger LOG = Logger.getLogger(UtilityDeadlineMonitor.class);

    private static final Map<String, String> STEP_NAMES = Map.of("accept", "受理", "availability", "提供踏勘时段",
            "survey", "现场踏勘", "plan", "方案答复", "construction", "施工", "connection", "验收接入");

    @Inject
    Db db;

    @Inject
    Deadlines deadlines;

    @Inject
    UtilityDeadlines utilityDeadlines;

    @Inject
    UtilityApplications applications;

    @Inject
    UtilityProviders providers;

    @Inject
    Escalations escalations;

    @Inject
    OutboxRelay relay;

    @io.quarkus.scheduler.Scheduled(every = "{hub.deadlines.check-interval}",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP, delayed = "10s")
    void scheduled() {
        check();
    }

    /** Raises what is due today; returns how many warnings and escalations it raised. */
    public int check() {
        LocalDate today = deadlines.today();
        int raised = 0;
        for (UtilityApplications.RequestRow r : applications.due(today)) {
            try {
                raised += raise(r, today);
            } catch (RuntimeException e) {
                // one row's failure (store hiccup) must not starve the others; it is retried on the next check
                LOG.warnf(e, "Utility deadline check of %s/%s failed; retried next time", r.applicationId(), r.utility());
            }
        }
        if (raised > 0) {
            LOG.infof("Utility deadline monitor raised %d warning(s)/escalation(s)", raised);
        }
        return raised;
    }

    private int raise(UtilityApplications.RequestRow due, LocalDate today) {
        UtilityApplications.AppRow a = applications.find(due.applicationId()).orElseThrow();
        List<Outbox.Message> messages = new ArrayList<>();
        int raised = db.inTransaction(c -> {
            Declarations.Row project = Declarations.lock(c, a.declarationId()).orElseThrow();
            UtilityApplications.RequestRow r = UtilityApplications.requests(c, a.applicationId()).stream()
                    .filter(x -> x.utility() == due.utility()).findFirst().orElseThrow();
            if (r.step() == null || !r.step().equals(due.step())) {
                return 0; // the provider moved on meanwhile
            }
            OffsetDateTime now = deadlines.now().toOffsetDateTime();
            String item = providers.name(r.utility()) + "报装" + STEP_NAMES.getOrDefault(r.step(), r.step()) + "（申请号"
                    + a.applicationId() + "）";
            int n = 0;
            String key = a.applicationId() + ":" + r.utility() + ":" + r.step();
            String at = "{\"utility\":\"" + r.utility() + "\",\"step\":\"" + r.step() + "\",\"dueBy\":\"" + r.dueBy() + "\"";
            if (!r.warnOn().isAfter(today) && r.warnedAt() == null && escalations.raise(c, new Escalations.Notice(
                    "UPDATE hub_utility_request SET warned_at = ? WHERE application_id = ? AND utility = ? "
                            + "AND warned_at IS NULL", List.of(now, a.applicationId(), r.utility().name()),
                    a.declarationId(), "utility-deadline-monitor", "DEADLINE_WARNING", at + "}",
                    providers.dutyMobile(r.utility()), "UTILITY_DEADLINE_WARNING:" + key, a.projectCode(),
                    project.projectName(), Map.of("itemName", item, "deadline", r.dueBy().toString())), messages)) {
                n++;
            }
            int overdue = Math.max(1, utilityDeadlines.overdueDays(r.dueBy(), today));
            if (r.dueBy().isBefore(today) && r.escalatedAt() == null && escalations.raise(c, new Escalations.Notice(
                    "UPDATE hub_utility_request SET escalated_at = ? WHERE application_id = ? AND utility = ? "
                            + "AND escalated_at IS NULL", List.of(now, a.applicationId(), r.utility().name()),
                    a.declarationId(), "utility-deadline-monitor", "OVERDUE_ESCALATION",
                    at + ",\"overdueDays\":" + overdue + "}", providers.supervisorMobile(r.utility()),
                    "UTILITY_OVERDUE_ESCALATION:" + key, a.projectCode(), project.projectName(),
                    Map.of("itemName", item, "overdueDays", Integer.toString(overdue))), messages)) {
                n++;
            }
            return n;
        });
        messages.forEach(relay::relay);
        return raised;
    }
}
