package cn.approvalbridge.hub.platform.deadline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.notice.Notices;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.Trail;

/**
 * Raises one early warning or escalation (预警, 督办) for the deadline monitors (departments' and utility providers'):
 * claims it with a conditional update, records it in the project's trail and queues its SMS in the outbox, all in the
 * caller's transaction under the declaration's row lock. Claimed once, it is never raised again.
 */
@ApplicationScoped
public class Escalations {

    /**
     * One warning or escalation. {@code claimSql} updates the watched row only while it is still unclaimed (and still
     * owes its answer); {@code event} is DEADLINE_WARNING or OVERDUE_ESCALATION, the trail kind and the SMS template;
     * {@code eventId} makes the SMS once-only at the notification function.
     */
    public record Notice(String claimSql, List<Object> claimArgs, String declarationId, String partner, String event,
            String payload, Optional<String> mobile, String eventId, String projectCode, String projectName,
            Map<String, String> params) {
    }

    @Inject
    Trail trail;

    @Inject
    Outbox outbox;

    @Inject
    Notices notices;

    /** True when this call claimed and raised it; its SMS (if the desk has a number) is added to {@code messages}. */
    public boolean raise(Connection c, Notice n, List<Outbox.Message> messages) throws SQLException {
        if (Db.update(c, n.claimSql(), n.claimArgs().toArray()) != 1) {
            return false;
        }
        trail.append(c, n.declarationId(), "HUB", n.partner(), n.event(), n.payload());
        if (n.mobile().isPresent()) {
            messages.add(outbox.add(c, Queues.NOTIFICATIONS, notices.notice(n.eventId(), n.event(), n.mobile().get(),
                    n.projectCode(), n.projectName(), n.params(), n.declarationId())));
        }
        return true;
    }
}
