package cn.approvalbridge.hub.platform.deadline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import cn.approvalbridge.hub.platform.store.Outbox;

/**
 * Who hears of every escalation the {@link DeadlineMonitor} raises, whatever the watch (the supervision chase opens a
 * case for each): called inside the raising transaction, the declaration's row lock held, so that what it records
 * commits with the escalation or not at all. It answers the outbox messages it added, for the monitor to relay.
 */
public interface Escalations {

    /**
     * One escalation: {@code eventId} is the escalation's own (stable, so an id derived from it is too), {@code owner}
     * the department (or utility) that owes the answer, {@code payload} the trail entry's, {@code watch} and
     * {@code item} name the watch and its item, for {@link DeadlineWatch#stillOwed} (is it still unanswered?).
     */
    record Escalation(String eventId, String declarationId, String projectCode, String projectName, String subject,
            String owner, LocalDate dueBy, int overdueDays, OffsetDateTime raisedAt, String payload,
            String watch, List<String> item, String supervisorMobile) {
    }

    List<Outbox.Message> escalated(Connection c, Escalation escalation) throws SQLException;
}
