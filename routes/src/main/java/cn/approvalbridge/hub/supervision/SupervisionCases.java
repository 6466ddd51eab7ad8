package cn.approvalbridge.hub.supervision;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.deadline.DeadlineWatch;
import cn.approvalbridge.hub.platform.deadline.Escalations;
import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.support.WorkingCalendar;

/**
 * The cases of the 13710 supervision system (督查督办), one per escalation whatever the watch that raised it: opened in
 * the escalation's own transaction (row, trail entry, and the OPENED update for the supervision system through the
 * outbox), so an escalation without its case cannot happen. The case id is derived from the escalation's event id:
 * stable across redeliveries, replays and restarts. Whether its item is still owed the raising watch answers
 * ({@link DeadlineWatch#stillOwed}, named and keyed in the case's owed_watch and owed_item).
 */
@ApplicationScoped
public class SupervisionCases implements Escalations {

    /** The canonical updates of every case, in order per case; partners.supervision takes them to the 13710 system. */
    public static final String QUEUE = "hub.supervision.cases";

    private static final Logger LOG = Logger.getLogger(SupervisionCases.class);

    public record Case(String caseId, String declarationId, String projectCode, String projectName,
            String departmentCode, String subject, LocalDate dueBy, int overdueDays, OffsetDateTime openedAt,
            String owedWatch, List<String> owedItem, String legacyStandingSql, List<Object> legacyStandingArgs,
            String supervisorMobile, int reminders, LocalDate nextStepOn, int lastSeq,
            OffsetDateTime interviewedAt, OffsetDateTime closedAt) {

        public boolean open() {
            return closedAt == null;
        }
    }

    public record Update(String caseId, int seq, String kind, OffsetDateTime recordedAt, String body) {
    }

    static final String COLUMNS = "case_id, declaration_id, project_code, project_name, department_code, subject, "
            + "due_by, overdue_days, opened_at, owed_watch, owed_item, standing_sql, standing_args, supervisor_mobile, "
            + "reminders, next_step_on, last_seq, interviewed_at, closed_at";

    @Inject
    Trail trail;
    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper json;
    @Inject
    Departments departments;
    @Inject
    WorkingCalendar calendar;
    @Inject
    @Any
    Instance<DeadlineWatch<?>> watches;

    @ConfigProperty(name = "hub.supervision.reminder-every-days")
    int reminderEveryDays;

    public static String caseId(String escalationEventId) {
        return "SV-" + Trail.sha256(escalationEventId).substring(0, 20).toUpperCase();
    }

    @Override
    public List<Outbox.Message> escalated(Connection c, Escalation e) throws SQLException {
        String caseId = caseId(e.eventId());
        if (Db.one(c, "SELECT 1 FROM hub_supervision_case WHERE case_id = ?", rs -> 1, caseId).isPresent()) {
            return List.of(); // the escalation was raised once; this is only a guard against a reused event id
        }
        LocalDate today = e.raisedAt().atZoneSameInstant(cn.approvalbridge.support.ChinaTime.ZONE).toLocalDate();
        Db.update(c, "INSERT INTO hub_supervision_case (" + COLUMNS + ", escalation_event) VALUES (?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, NULL, NULL, ?, 0, ?, 0, NULL, NULL, ?)", caseId, e.declarationId(), e.projectCode(),
                e.projectName(), e.owner(), e.subject(), e.dueBy(), e.overdueDays(), e.raisedAt(), e.watch(),
                args(e.item()), e.supervisorMobile(), nextStep(today), e.eventId());
        Case opened = find(c, caseId);
        ObjectNode u = update(opened, 0, "OPENED", e.raisedAt());
        return List.of(record(c, opened, u, "SUPERVISION_CASE_OPENED"));
    }

    /**
     * Whether the case's item is still owed, as the watch that raised the escalation declares it
     * ({@link DeadlineWatch#stillOwed}); the declaration's row lock held. A case opened before the watches declared it
     * (no owed_watch) runs the query stored with it. A watch no longer deployed: still owed (the chase goes on; the log
     * says why).
     */
    public boolean stillOwed(Connection c, Case k) throws SQLException {
        if (k.owedWatch() == null) {
            return Db.one(c, k.legacyStandingSql(), rs -> 1, k.legacyStandingArgs().toArray()).isPresent();
        }
        for (DeadlineWatch<?> w : watches) {
            if (w.name().equals(k.owedWatch())) {
                return w.stillOwed(c, k.owedItem());
            }
        }
        LOG.warnf("Supervision case %s: no watch %s to ask whether its item is still owed", k.caseId(), k.owedWatch());
        return true;
    }

    /** The working day of the case's next step (reminder or interview), counted from {@code from}. */
    LocalDate nextStep(LocalDate from) {
        return calendar.addWorkingDays(from, reminderEveryDays);
    }

    /** The update as the supervision system is told it (the canonical record; the partner maps it to its format). */
    ObjectNode update(Case k, int seq, String kind, OffsetDateTime at) {
        ObjectNode u = json.createObjectNode();
        u.put("caseId", k.caseId());
        u.put("seq", seq);
        u.put("kind", kind);
        u.put("at", cn.approvalbridge.support.ChinaTime.text(at));
        u.put("declarationId", k.declarationId());
        if (k.projectCode() != null) {
            u.put("projectCode", k.projectCode());
        }
        u.put("projectName", k.projectName());
        u.put("departmentCode", k.departmentCode());
        u.put("departmentName", departments.isKnown(k.departmentCode()) ? departments.name(k.departmentCode())
                : k.departmentCode());
        u.put("subject", k.subject());
        u.put("dueBy", k.dueBy().toString());
        u.put("overdueDays", k.overdueDays());
        return u;
    }

    /** Records an update of the case: its row, the trail entry, the outbox message to the supervision system. */
    Outbox.Message record(Connection c, Case k, ObjectNode u, String trailKind) throws SQLException {
        String body = u.toString();
        Db.update(c, "INSERT INTO hub_supervision_update (case_id, seq, kind, recorded_at, body) VALUES (?, ?, ?, ?, ?)",
                k.caseId(), u.get("seq").asInt(), u.get("kind").asText(), OffsetDateTime.parse(u.get("at").asText()),
                body);
        trail.append(c, k.declarationId(), "HUB", "supervision", trailKind, body);
        return outbox.add(c, QUEUE, body);
    }

    public List<Case> openCases(Connection c) throws SQLException {
        return Db.list(c, "SELECT " + COLUMNS + " FROM hub_supervision_case WHERE closed_at IS NULL ORDER BY opened_at",
                this::row);
    }

    public List<Case> byDeclaration(Connection c, String declarationId) throws SQLException {
        return Db.list(c, "SELECT " + COLUMNS + " FROM hub_supervision_case WHERE declaration_id = ? ORDER BY opened_at",
                this::row, declarationId);
    }

    public Case find(Connection c, String caseId) throws SQLException {
        return Db.one(c, "SELECT " + COLUMNS + " FROM hub_supervision_case WHERE case_id = ?", this::row, caseId)
                .orElse(null);
    }

    public List<Update> updates(Connection c, String caseId) throws SQLException {
        return Db.list(c, "SELECT case_id, seq, kind, recorded_at, body FROM hub_supervision_update WHERE case_id = ? "
                + "ORDER BY seq", rs -> new Update(rs.getString(1), rs.getInt(2), rs.getString(3),
                        Db.time(rs, "recorded_at"), rs.getString(5)), caseId);
    }

    /** Open cases per department, for the metrics. */
    public Map<String, Integer> openByDepartment(Connection c) throws SQLException {
        Map<String, Integer> open = new java.util.TreeMap<>();
        for (Object[] r : Db.list(c, "SELECT department_code, COUNT(*) FROM hub_supervision_case WHERE closed_at IS NULL "
                + "GROUP BY department_code", rs -> new Object[] { rs.getString(1), rs.getInt(2) })) {
            open.put((String) r[0], (Integer) r[1]);
        }
        return open;
    }

    private Case row(ResultSet rs) throws SQLException {
        return new Case(rs.getString("case_id"), rs.getString("declaration_id"), rs.getString("project_code"),
                rs.getString("project_name"), rs.getString("department_code"), rs.getString("subject"),
                rs.getObject("due_by", LocalDate.class), rs.getInt("overdue_days"), Db.time(rs, "opened_at"),
                rs.getString("owed_watch"), texts(rs.getString("owed_item")), rs.getString("standing_sql"),
                new ArrayList<>(texts(rs.getString("standing_args"))),
                rs.getString("supervisor_mobile"), rs.getInt("reminders"), rs.getObject("next_step_on", LocalDate.class),
                rs.getInt("last_seq"), Db.time(rs, "interviewed_at"), Db.time(rs, "closed_at"));
    }

    private String args(List<String> args) {
        try {
            return json.writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> texts(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable case item " + text, e);
        }
    }
}
