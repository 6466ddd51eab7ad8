package cn.approvalbridge.hub.platform.deadline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * A limit still owed. {@code subject} names it in the SMS (the template adds the project's name); {@code payload}
     * is the trail entry's payload, given the overdue working days for an escalation and null for a warning.
     */
    record Watched(String declarationId, String projectCode, String projectName, String partner, String subject,
            LocalDate warnOn, LocalDate dueBy, boolean warned, boolean escalated, Raise warning, Raise escalation,
            IntFunction<String> escalationPayload, String warningPayload) {
    }

    /**
     * How one warning or escalation is raised: {@code claimSql} updates the watched row only while it is unclaimed and
     * still owed, taking (now, then {@code claimArgs}); {@code eventId} makes its SMS once-only; {@code mobile} is the
     * desk told (duty desk for a warning, supervisor for an escalation), none: trail only.
     */
    record Raise(String claimSql, List<Object> claimArgs, String eventId, Optional<String> mobile) {

        private static final Pattern CLAIM = Pattern.compile(
                "\\s*UPDATE\\s+(\\w+)\\s+SET\\s+(\\w+)\\s*=\\s*\\?.*?\\s+WHERE\\s+(.+?)\\s*",
                Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

        /**
         * The query that finds the watched row while this raise stands: claimed (its column, the first one the claim
         * sets, not reset) and still owed (the rest of the claim's condition). Read from the claim itself, so that every
         * watch has it without saying it twice; a claim must therefore read {@code UPDATE t SET claimed_at = ?, ...
         * WHERE <keys and still owed> AND claimed_at IS NULL} (the IS NULL anywhere among the conditions).
         */
        public Standing standing() {
            Matcher m = CLAIM.matcher(claimSql);
            if (m.matches()) {
                String column = Pattern.quote(m.group(2));
                String owed = m.group(3).replaceFirst("(?i)\\s+AND\\s+" + column + "\\s+IS\\s+NULL\\b", "");
                if (owed.equals(m.group(3))) {
                    owed = m.group(3).replaceFirst("(?i)^" + column + "\\s+IS\\s+NULL\\s+AND\\s+", "");
                }
                if (!owed.equals(m.group(3))) {
                    return new Standing("SELECT 1 FROM " + m.group(1) + " WHERE " + owed + " AND " + m.group(2)
                            + " IS NOT NULL", claimArgs);
                }
            }
            throw new IllegalStateException("a raise's claim must read UPDATE t SET claimed_at = ?, ... WHERE ... AND "
                    + "claimed_at IS NULL; this one does not: " + claimSql);
        }
    }

    /** A query over {@code args} that finds a row while what was raised on it still stands. */
    record Standing(String sql, List<Object> args) {
    }
}
