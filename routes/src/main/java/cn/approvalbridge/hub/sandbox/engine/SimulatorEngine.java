package cn.approvalbridge.hub.sandbox.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;

/**
 * The engine behind every simulated partner: a message is received (recorded once, repeats counted), the partner's
 * rule turns it into pending work due after a delay, and the simulator's poll acts on the work that is due, marking
 * it done or due again later. Both halves are rows (hub_sandbox_received, hub_sandbox_pending_work), so a restarted
 * hub's sandbox carries on where it was.
 */
@ApplicationScoped
public class SimulatorEngine {

    private static final String WORK_COLUMNS = "simulator, work_key, partner, subject, action, payload, due_at";

    @Inject
    Db db;

    @Inject
    Clock clock;

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ChinaTime.ZONE));
    }

    /** Now plus {@code ms} milliseconds. */
    public OffsetDateTime inMillis(long ms) {
        return now().plusNanos(ms * 1_000_000);
    }

    /** Records a message: true when it is new, false when it is a repeat (then only counted). */
    public boolean receive(Message m) {
        String count = "UPDATE hub_sandbox_received SET times_received = times_received + 1 WHERE simulator = ? "
                + "AND partner = ? AND kind = ? AND subject = ? AND message_key = ?";
        Object[] key = { m.simulator(), m.partner(), m.kind(), m.subject(), m.key() };
        OffsetDateTime at = now();
        try {
            return db.inTransaction(c -> Db.update(c, count, key) == 0 && Db.update(c, "INSERT INTO hub_sandbox_received "
                    + "(simulator, partner, kind, subject, message_key, body, received_at, times_received) VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, 1)", m.simulator(), m.partner(), m.kind(), m.subject(), m.key(), m.body(),
                    at) == 1);
        } catch (Db.StoreException e) {
            if (!duplicate(e)) {
                throw e;
            }
            // the same message arrived twice at once: the other arrival recorded it
            db.inTransaction(c -> Db.update(c, count, key));
            return false;
        }
    }

    /**
     * What a simulated partner received, oldest first (then by key); {@code kind} and {@code subject} narrow it down
     * when not null.
     */
    public List<Message> received(String simulator, String partner, String kind, String subject) {
        List<Object> args = new ArrayList<>(List.of(simulator, partner));
        String sql = "SELECT simulator, partner, kind, subject, message_key, body, received_at, times_received FROM "
                + "hub_sandbox_received WHERE simulator = ? AND partner = ?";
        if (kind != null) {
            sql += " AND kind = ?";
            args.add(kind);
        }
        if (subject != null) {
            sql += " AND subject = ?";
            args.add(subject);
        }
        String query = sql + " ORDER BY received_at, message_key";
        return db.read(c -> Db.list(c, query, rs -> new Message(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), Db.time(rs, "received_at"), rs.getInt(8)),
                args.toArray()));
    }

    /** Schedules work in one transaction; work whose key is scheduled already (a redelivery) is left as it was. */
    public void schedule(List<Work> work) {
        try {
            db.inTransaction(c -> {
                for (Work w : work) {
                    insertIfNew(c, w);
                }
                return null;
            });
        } catch (Db.StoreException e) {
            if (!duplicate(e)) {
                throw e;
            }
            // the same message was scheduled twice at once: the other one's work stands
        }
    }

    public void schedule(Work work) {
        schedule(List.of(work));
    }

    /**
     * A simulator's work that is due, the longest due first, at most {@code limit}. Done rows stay (they keep a
     * redelivered message from scheduling its work again), so the query must read only the due ones: ordered as the
     * index (simulator, done_at, due_at) is, done_at being NULL throughout, PostgreSQL walks that index and stops at
     * {@code limit}; ordered by due_at alone, a table not analysed yet got the primary key and a filter over every row
     * the simulator ever had. (Under the benchmark's burst a poll still reads about 900 index entries: those of work
     * just done, whose old row versions vacuum has not removed yet.)
     */
    public List<Work> due(String simulator, int limit) {
        return db.read(c -> Db.list(c, "SELECT " + WORK_COLUMNS + " FROM hub_sandbox_pending_work WHERE simulator = ? "
                + "AND done_at IS NULL AND due_at <= ? ORDER BY done_at, due_at LIMIT ?", SimulatorEngine::work,
                simulator, now(), limit));
    }

    /**
     * Marks work done, and schedules what follows from it in the same transaction: were they two, a kill -9 between
     * them would leave the work done and its follow-up never scheduled.
     */
    public void done(Work work, List<Work> next) {
        db.inTransaction(c -> {
            Db.update(c, "UPDATE hub_sandbox_pending_work SET done_at = ?, attempts = attempts + 1 WHERE simulator = ? "
                    + "AND work_key = ?", now(), work.simulator(), work.key());
            for (Work w : next) {
                insertIfNew(c, w);
            }
            return null;
        });
    }

    public void done(Work work) {
        done(work, List.of());
    }

    /** Not done yet (the hub was not ready for it): due again at {@code dueAt}. */
    public void retryAt(Work work, OffsetDateTime dueAt) {
        db.inTransaction(c -> Db.update(c, "UPDATE hub_sandbox_pending_work SET due_at = ?, attempts = attempts + 1 "
                + "WHERE simulator = ? AND work_key = ?", dueAt, work.simulator(), work.key()));
    }

    private static void insertIfNew(Connection c, Work w) throws SQLException {
        Db.update(c, "INSERT INTO hub_sandbox_pending_work (" + WORK_COLUMNS + ", attempts) SELECT ?, ?, ?, ?, ?, "
                + "CAST(? AS VARCHAR(2000)), ?, 0 WHERE NOT EXISTS (SELECT 1 FROM hub_sandbox_pending_work "
                + "WHERE simulator = ? AND work_key = ?)",
                w.simulator(), w.key(), w.partner(), w.subject(), w.action(), w.payload(), w.dueAt(), w.simulator(),
                w.key());
    }

    private static Work work(ResultSet rs) throws SQLException {
        return new Work(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Db.time(rs, "due_at"));
    }

    private static boolean duplicate(Db.StoreException e) {
        return Db.isDuplicateKey(e);
    }
}
