package cn.approvalbridge.codeassignment;

import java.time.OffsetDateTime;
import java.util.BitSet;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import cn.approvalbridge.support.Db;

/**
 * The {@code ca_assignment} table, through function-support's {@link Db} helpers; SQL that H2 2.4 and PostgreSQL both
 * accept (no ON CONFLICT, no RETURNING): an insert either succeeds or fails on a duplicate key
 * ({@link Db#isDuplicateKey}), and the caller decides what the duplicate meant. Every statement runs on its own
 * auto-committed connection; a store failure is a {@link Db.StoreException}.
 */
public class AssignmentStore {

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
        DuplicateKeyException(Db.StoreException cause) {
            super(cause.getMessage(), cause.getCause(), false, false);
        }
    }

    private final Supplier<? extends DataSource> dataSource;

    public AssignmentStore(Supplier<? extends DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Assignment> find(String declarationId) {
        return Db.read(dataSource.get(), c -> Db.one(c, "SELECT declaration_id, project_code, region_code,"
                + " department_code, project_type_code, assigned_at FROM ca_assignment WHERE declaration_id = ?",
                rs -> new Assignment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Db.time(rs, "assigned_at")),
                declarationId));
    }

    /** Inserts in its own (auto-committed) statement, so a success is durable when this returns. */
    public void insert(Assignment a, String codePrefix) throws DuplicateKeyException {
        try {
            Db.read(dataSource.get(), c -> Db.update(c, "INSERT INTO ca_assignment (declaration_id, project_code,"
                    + " code_prefix, region_code, department_code, project_type_code, assigned_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", a.declarationId(), a.projectCode(), codePrefix, a.regionCode(),
                    a.departmentCode(), a.projectTypeCode(), a.assignedAt()));
        } catch (Db.StoreException e) {
            if (Db.isDuplicateKey(e)) {
                throw new DuplicateKeyException(e);
            }
            throw e;
        }
    }

    /** The serials (last five digits before the check digit) already used under a prefix {@code YYMM-RRRRRR-DD-TT}. */
    public BitSet usedSerials(String codePrefix) {
        BitSet used = new BitSet(SerialSource.SERIALS);
        Db.read(dataSource.get(), c -> Db.list(c, "SELECT project_code FROM ca_assignment WHERE code_prefix = ?",
                rs -> rs.getString(1), codePrefix))
                .forEach(code -> used.set(Integer.parseInt(code.substring(18, 23))));
        return used;
    }
}
