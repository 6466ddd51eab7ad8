package cn.approvalbridge.codeassignment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.BitSet;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

/**
 * The {@code ca_assignment} table. Plain JDBC that H2 2.4 and PostgreSQL both accept (no ON CONFLICT, no RETURNING):
 * an insert either succeeds or fails with SQLState 23505, and the caller decides what the duplicate meant.
 */
public class AssignmentStore {

    /** SQLState of a unique or primary key violation, on H2 and PostgreSQL alike. */
    static final String UNIQUE_VIOLATION = "23505";

    /** A stored assignment. */
    public record Assignment(String declarationId, String projectCode, String regionCode, String departmentCode,
            String projectTypeCode, OffsetDateTime assignedAt) {

        boolean sameInputs(AssignCodeRequest r) {
            return regionCode.equals(r.regionCode) && departmentCode.equals(r.departmentCode)
                    && projectTypeCode.equals(r.projectTypeCode);
        }
    }

    /** The insert hit a unique constraint: the declaration already has a code, or the code is taken. */
    public static class DuplicateKeyException extends Exception {
        DuplicateKeyException(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private final Supplier<? extends DataSource> dataSource;

    public AssignmentStore(Supplier<? extends DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Assignment> find(String declarationId) throws SQLException {
        try (Connection c = dataSource.get().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT declaration_id, project_code, region_code, department_code,"
                        + " project_type_code, assigned_at FROM ca_assignment WHERE declaration_id = ?")) {
            ps.setString(1, declarationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Assignment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, OffsetDateTime.class)));
            }
        }
    }

    /** Inserts in its own (auto-committed) statement, so a success is durable when this returns. */
    public void insert(Assignment a, String codePrefix) throws SQLException, DuplicateKeyException {
        try (Connection c = dataSource.get().getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO ca_assignment (declaration_id, project_code,"
                        + " code_prefix, region_code, department_code, project_type_code, assigned_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, a.declarationId());
            ps.setString(2, a.projectCode());
            ps.setString(3, codePrefix);
            ps.setString(4, a.regionCode());
            ps.setString(5, a.departmentCode());
            ps.setString(6, a.projectTypeCode());
            ps.setObject(7, a.assignedAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                throw new DuplicateKeyException(e);
            }
            throw e;
        }
    }

    /** The serials (last five digits before the check digit) already used under a prefix {@code YYMM-RRRRRR-DD-TT}. */
    public BitSet usedSerials(String codePrefix) throws SQLException {
        BitSet used = new BitSet(SerialSource.SERIALS);
        try (Connection c = dataSource.get().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT project_code FROM ca_assignment WHERE code_prefix = ?")) {
            ps.setString(1, codePrefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString(1);
                    used.set(Integer.parseInt(code.substring(18, 23)));
                }
            }
        }
        return used;
    }

    static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
