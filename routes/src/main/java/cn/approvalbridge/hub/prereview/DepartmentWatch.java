package cn.approvalbridge.hub.prereview;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.deadline.DeadlineWatch;
import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.support.Db;

/**
 * The limits a review department owes (pre-review here; the approval flow watches its steps the same way). Its duty
 * desk (hub.departments.&lt;code&gt;.duty-mobile) is warned, its supervisor (.supervisor-mobile) gets the escalation;
 * the trail payload names the limit ({@code phase}), the department, the item where there is one, and the due day.
 */
public abstract class DepartmentWatch implements DeadlineWatch<DepartmentWatch.Due> {

    /**
     * One limit. {@code candidates} selects (declaration id, key 1, key 2, department, item name, due day, round, warning
     * day, warned at, escalated at) for rows due a warning or an escalation (two "today" parameters); the claims take
     * (now, key 1, key 2) and update one row only while it still owes its answer and has not been warned (escalated).
     * {@code owed} takes (key 1, key 2) and finds the row while its escalation stands: escalated, and still owing the
     * answer it was escalated for ({@link #stillOwed}).
     */
    public record Limit(String name, String candidates, String claimWarning, String claimEscalation, String owed) {
    }

    /** A row owing its answer, as the candidates query reads it. */
    public record Due(Limit limit, String declarationId, String key1, String key2, String departmentCode,
            String itemName, LocalDate dueBy, int round, LocalDate warnOn, OffsetDateTime warnedAt,
            OffsetDateTime escalatedAt) {
    }

    @Inject
    Db db;

    @Inject
    Departments departments;

    @Inject
    ObjectMapper json;

    protected abstract List<Limit> limits();

    /** Whether the limit still runs for this row, the declaration's row lock held. */
    protected abstract boolean runs(Connection c, Due d, Declarations.Row row) throws SQLException;

    /** What is late, as the SMS names it (the template adds the project's name). */
    protected abstract String subject(Due d, Declarations.Row row, String departmentName);

    /** Deterministic: the notification function sends each at most once. */
    protected abstract String eventId(String event, Due d);

    /** Whether the limit is an item's (key 2 is its code). */
    protected abstract boolean itemScoped(Due d);

    @Override
    public List<Due> due(LocalDate today) {
        List<Due> due = new ArrayList<>();
        for (Limit limit : limits()) {
            due.addAll(db.read(c -> Db.list(c, limit.candidates(), rs -> new Due(limit, rs.getString(1), rs.getString(2),
                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), rs.getInt(7),
                    rs.getObject(8, LocalDate.class), rs.getObject(9, OffsetDateTime.class),
                    rs.getObject(10, OffsetDateTime.class)), today, today)));
        }
        return due;
    }

    /** The item is (limit name, key 1, key 2); the limit's own {@code owed} query answers. */
    @Override
    public boolean stillOwed(Connection c, List<String> item) throws SQLException {
        Limit limit = limits().stream().filter(l -> l.name().equals(item.get(0))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name() + " watches no limit " + item.get(0)));
        return Db.one(c, limit.owed(), rs -> 1, item.get(1), item.get(2)).isPresent();
    }

    @Override
    public String describe(Due d) {
        return d.limit().name() + " " + d.key1() + "/" + d.key2();
    }

    @Override
    public Optional<Watched> recheck(Connection c, Due d) throws SQLException {
        Declarations.Row row = Declarations.lock(c, d.declarationId()).orElseThrow();
        if (!runs(c, d, row)) {
            return Optional.empty();
        }
        List<Object> keys = List.of(d.key1(), d.key2());
        return Optional.of(new Watched(d.declarationId(), row.projectCode(), row.projectName(), "deadline-monitor",
                subject(d, row, departments.name(d.departmentCode())), d.warnOn(), d.dueBy(), d.warnedAt() != null,
                d.escalatedAt() != null,
                new Raise(d.limit().claimWarning(), keys, eventId("DEADLINE_WARNING", d),
                        departments.dutyMobile(d.departmentCode())),
                new Raise(d.limit().claimEscalation(), keys, eventId("OVERDUE_ESCALATION", d),
                        departments.supervisorMobile(d.departmentCode())),
                overdue -> payload(d, overdue), payload(d, null), List.of(d.limit().name(), d.key1(), d.key2())));
    }

    private String payload(Due d, Integer overdueDays) {
        ObjectNode p = json.createObjectNode();
        p.put("phase", d.limit().name());
        p.put("departmentCode", d.departmentCode());
        if (itemScoped(d)) {
            p.put("itemCode", d.key2());
        }
        p.put("dueBy", d.dueBy().toString());
        if (overdueDays != null) {
            p.put("overdueDays", overdueDays);
        }
        return p.toString();
    }
}
