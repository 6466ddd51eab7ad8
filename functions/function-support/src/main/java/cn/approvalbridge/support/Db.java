package cn.approvalbridge.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


/**
 * Plain JDBC on the store datasource (or another one given), with explicit local transactions: the one data-access
 * style of the hub and the functions. Their writes are few, small and must be atomic together (the hub's declaration +
 * inbound log + trail + outbox, a notification and its history), and the SQL must run on H2 and PostgreSQL alike.
 */
@ApplicationScoped
public class Db {

    /** SQLState of a unique-constraint violation on H2 and PostgreSQL alike. */
    public static final String DUPLICATE_KEY = "23505";

    @Inject
    StoreDataSource store;

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    public interface Rows<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public <T> T inTransaction(Work<T> work) {
        return inTransaction(store.get(), work);
    }

    public <T> T read(Work<T> work) {
        return read(store.get(), work);
    }

    /** One transaction on {@code dataSource}: committed when {@code work} returns, rolled back when it throws. */
    public static <T> T inTransaction(javax.sql.DataSource dataSource, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Work on one connection of {@code dataSource} in auto-commit. */
    public static <T> T read(javax.sql.DataSource dataSource, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    public static <T> List<T> list(Connection c, String sql, Rows<T> rows, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return all(rs, rows);
        }
    }

    /** As {@link #list}, but at most {@code maxRows} rows (the driver stops reading there). */
    public static <T> List<T> listAtMost(Connection c, int maxRows, String sql, Rows<T> rows, Object... args)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            ps.setMaxRows(maxRows);
            try (ResultSet rs = ps.executeQuery()) {
                return all(rs, rows);
            }
        }
    }

    public static <T> Optional<T> one(Connection c, String sql, Rows<T> rows, Object... args) throws SQLException {
        List<T> all = list(c, sql, rows, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** The one row of an aggregate query (COUNT, MAX), mapped; null where the mapping says so (MAX of no rows). */
    public static <T> T value(Connection c, String sql, Rows<T> rows, Object... args) throws SQLException {
        return list(c, sql, rows, args).get(0);
    }

    public static boolean isDuplicateKey(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (DUPLICATE_KEY.equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code e} or one of its causes (a {@link StoreException}'s, say) is a duplicate-key SQLException. */
    public static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isDuplicateKey(sql)) {
                return true;
            }
        }
        return false;
    }

    /** A nullable BIGINT column. */
    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }

    public static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static <T> List<T> all(ResultSet rs, Rows<T> rows) throws SQLException {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
            out.add(rows.map(rs));
        }
        return out;
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    /** A store failure: the caller's transaction is rolled back; JMS consumers let the broker redeliver. */
    public static class StoreException extends RuntimeException {
        public StoreException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
