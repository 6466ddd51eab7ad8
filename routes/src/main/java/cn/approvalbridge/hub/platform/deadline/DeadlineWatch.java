package cn.approvalbridge.hub.platform.deadline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A flow's limits for the {@link DeadlineMonitor}: which rows owe an answer and are due a warning or an escalation
 * today, and, re-read under the declaration's row lock, what raising them means (who is told, about what, how the
 * raise is claimed so it happens once).
 *
 * @param <T> the flow's own row of a watched limit
 */
public interface DeadlineWatch<T> {

    /** Rows that may be due today (read outside any transaction; {@link #recheck} confirms each). */
    List<T> due(LocalDate today);

    /** For the log, when checking a row fails. */
    String describe(T row);

    /**
     * Inside the raising transaction: locks the row's declaration and answers what is still owed, or empty when the
     * limit no longer runs (answered meanwhile, the project moved on, the time is not the owner's).
     */
    Optional<Watched> recheck(Connection c, T row) throws SQLException;

    /** The watch's stable name, kept with each escalation's supervision case so the case can ask {@link #stillOwed}. */
    String name();

    /**
     * Whether the item {@code item} (as {@link Watched#item} named it) still owes the answer its escalation was raised
     * for: false once it is answered, and once it is owed no more at all (the project was rejected, withdrawn, moved
     * on, the escalation's round is over). Read inside a transaction holding the declaration's row lock; each watch
     * answers it from its own rows (the supervision chase closes its 13710 case on false).
     */
    boolean stillOwed(Connection c, List<String> item) throws SQLException;

    /**
     * A limit still owed. {@code subject} names it in the SMS (the template adds the project's name); {@code payload}
     * is the trail entry's payload, given the overdue working days for an escalation and null for a warning;
     * {@code item} names the watched item for {@link #stillOwed} (the watch's own keys, as text).
     */
    record Watched(String declarationId, String projectCode, String projectName, String partner, String subject,
            LocalDate warnOn, LocalDate dueBy, boolean warned, boolean escalated, Raise warning, Raise escalation,
            IntFunction<String> escalationPayload, String warningPayload, List<String> item) {
    }

    /**
     * How one warning or escalation is raised: {@code claimSql} updates the watched row only while it is unclaimed and
     * still owed, taking (now, then {@code claimArgs}); {@code eventId} makes its SMS once-only; {@code mobile} is the
     * desk told (duty desk for a warning, supervisor for an escalation), none: trail only.
     */
    record Raise(String claimSql, List<Object> claimArgs, String eventId, Optional<String> mobile) {
    }
}
