package cn.approvalbridge.codeassignment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import cn.approvalbridge.support.StoreDataSource;

/** What a person with a SQL prompt would see in ca_assignment: the tests' view of the store. */
final class TestStore {

    private TestStore() {
    }

    static long count(StoreDataSource store, String where, Object... args) {
        try (Connection c = store.get().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ca_assignment" + (where.isEmpty() ? "" : " WHERE " + where))) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> codes(StoreDataSource store, String where, Object... args) {
        try (Connection c = store.get().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT project_code FROM ca_assignment WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<String> codes = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    codes.add(rs.getString(1));
                }
            }
            return codes;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static int delete(StoreDataSource store, String where, Object... args) {
        try (Connection c = store.get().getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM ca_assignment WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
