package cn.approvalbridge.hub.keyprojects;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;

/**
 * Key projects' store: the unit's progress per month (as the window reports it) and the months whose 一项目一表 row is
 * fixed. Progress for a month can be corrected until its row is fixed; afterwards the platform has the month.
 */
@ApplicationScoped
public class KeyProjects {

    public enum Outcome {
        CREATED, SAME, UPDATED, ALREADY_REPORTED
    }

    /** A coded key project, as the monthly job reads it. */
    public record KeyProject(String declarationId, String projectCode, String projectName, String level,
            YearMonth codedMonth) {
    }

    public record Progress(String projectCode, YearMonth month, String physicalProgress, BigDecimal investmentCompleted,
            String problems, OffsetDateTime receivedAt) {
    }

    @Inject
    Db db;
    @Inject
    Trail trail;
    @Inject
    Deadlines deadlines;

    public List<KeyProject> coded() {
        return db.read(c -> Db.list(c, "SELECT declaration_id, project_code, project_name, key_project, code_assigned_at "
                + "FROM hub_declaration WHERE key_project IS NOT NULL AND project_code IS NOT NULL AND code_assigned_at "
                + "IS NOT NULL ORDER BY code_assigned_at", rs -> new KeyProject(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), YearMonth.from(Db.time(rs, "code_assigned_at")
                                .atZoneSameInstant(ChinaTime.ZONE)))));
    }

    /** Stores the month's progress with its trail entry, under the declaration's lock; a fixed month is not changed. */
    public Outcome report(Declarations.Row project, YearMonth month, String physicalProgress, BigDecimal investment,
            String problems, String body) {
        String sha = Trail.sha256(body);
        return db.inTransaction(c -> {
            Declarations.lock(c, project.declarationId());
            if (fixed(c, project.projectCode(), month)) {
                return Outcome.ALREADY_REPORTED;
            }
            Optional<String> known = Db.one(c, "SELECT body_sha256 FROM hub_key_project_progress WHERE project_code = ? "
                    + "AND report_month = ?", rs -> rs.getString(1), project.projectCode(), month.toString());
            if (known.isPresent() && known.get().equals(sha)) {
                return Outcome.SAME;
            }
            OffsetDateTime now = deadlines.now().toOffsetDateTime();
            if (known.isPresent()) {
                Db.update(c, "UPDATE hub_key_project_progress SET physical_progress = ?, investment_completed = ?, "
                        + "problems = ?, body_sha256 = ?, received_at = ? WHERE project_code = ? AND report_month = ?",
                        physicalProgress, investment, problems, sha, now, project.projectCode(), month.toString());
            } else {
                Db.update(c, "INSERT INTO hub_key_project_progress (project_code, report_month, physical_progress, "
                        + "investment_completed, problems, body_sha256, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        project.projectCode(), month.toString(), physicalProgress, investment, problems, sha, now);
            }
            trail.append(c, project.declarationId(), "IN", "window", "KEY_PROJECT_PROGRESS", body);
            return known.isPresent() ? Outcome.UPDATED : Outcome.CREATED;
        });
    }

    public Optional<Progress> progress(Connection c, String projectCode, YearMonth month) throws SQLException {
        return Db.one(c, "SELECT physical_progress, investment_completed, problems, received_at FROM "
                + "hub_key_project_progress WHERE project_code = ? AND report_month = ?", rs -> new Progress(projectCode,
                        month, rs.getString(1), rs.getBigDecimal(2), rs.getString(3), Db.time(rs, "received_at")),
                projectCode, month.toString());
    }

    public boolean fixed(Connection c, String projectCode, YearMonth month) throws SQLException {
        return Db.one(c, "SELECT 1 FROM hub_key_project_row WHERE project_code = ? AND report_month = ?", rs -> 1,
                projectCode, month.toString()).isPresent();
    }

    public List<String> fixedMonths(String projectCode) {
        return db.read(c -> Db.list(c, "SELECT report_month FROM hub_key_project_row WHERE project_code = ? "
                + "ORDER BY report_month", rs -> rs.getString(1), projectCode));
    }

    /** The months' rows as fixed (month, progress missing, when), for the project's view. */
    public List<Object[]> rows(String projectCode) {
        return db.read(c -> Db.list(c, "SELECT report_month, progress_missing, fixed_at FROM hub_key_project_row WHERE "
                + "project_code = ? ORDER BY report_month", rs -> new Object[] { rs.getString(1), rs.getBoolean(2),
                        Db.time(rs, "fixed_at") }, projectCode));
    }
}
