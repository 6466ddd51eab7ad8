package cn.approvalbridge.hub.utility;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.notice.Notices;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.Trail;

/**
 * Joint applications and each provider's progress. Like the hub's declarations, every inbound message (the form, a
 * provider's status or free days) is written with its inbound log entry, trail entry and outbox messages in ONE
 * transaction, under the declaration's row lock (the trail is the project's), before it is acknowledged.
 */
@ApplicationScoped
public class UtilityApplications {

    public enum Outcome {
        CREATED, SAME, CONFLICT, NOT_FOUND, NOT_SELECTED
    }

    public enum Survey {
        COLLECTING, FIXED, PROPOSED
    }

    public record AppRow(String applicationId, String declarationId, String projectCode, String bodySha256, String body,
            String unitMobile, boolean earlyStage, OffsetDateTime receivedAt, Survey surveyStatus, LocalDate surveyDate,
            OffsetDateTime surveyFixedAt, String surveyUnsuited) {
    }

    public record RequestRow(String applicationId, Utility utility, UtilityState state, OffsetDateTime stateSince,
            String reason, LocalDate providerSurveyDate, List<LocalDate> availability, OffsetDateTime availabilityAt,
            OffsetDateTime requestedAt, OffsetDateTime surveySentAt, String step, LocalDate dueBy, LocalDate warnOn,
            OffsetDateTime warnedAt, OffsetDateTime escalatedAt) {
    }

    public record Intake(Outcome outcome, AppRow row, List<Outbox.Message> messages) {
    }

    /** A provider's report: a state (with reason when REJECTED, a date when SURVEY_SCHEDULED) or its free days. */
    public record ProviderReport(Utility utility, String applicationId, UtilityState state, String reason,
            LocalDate surveyDate, List<LocalDate> slots) {
        public boolean isAvailability() {
            return slots != null;
        }
    }

    public record ReportResult(Outcome outcome, UtilityState current, List<Outbox.Message> messages) {
    }

    @Inject
    Db db;

    @Inject
    Trail trail;

    @Inject
    Outbox outbox;

    @Inject
    Deadlines deadlines;

    @Inject
    UtilityDeadlines utilityDeadlines;

    @Inject
    UtilityProviders providers;

    @Inject
    Notices notices;

    @Inject
    ItemProcessingStagingHook staging;

    @Inject
    ObjectMapper json;

    public Intake apply(UtilityApplication app, Declarations.Row project, boolean earlyStage, String canonical, String sha,
            String caller) {
        Optional<AppRow> existing = find(app.applicationId());
        if (existing.isPresent()) {
            return repeat(existing.get(), sha);
        }
        try {
            List<Outbox.Message> messages = db.inTransaction(c -> {
                Declarations.lock(c, project.declarationId());
                ZonedDateTime now = deadlines.now();
                OffsetDateTime at = now.toOffsetDateTime();
                Db.update(c, "INSERT INTO hub_utility_application (application_id, declaration_id, project_code, body_sha256, "
                        + "body, unit_mobile, early_stage, received_at, survey_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        app.applicationId(), project.declarationId(), app.projectCode(), sha, canonical,
                        app.contact().mobile(), earlyStage, at, Survey.COLLECTING.name());
                for (Utility u : app.utilities()) {
                    UtilityDeadlines.Limits l = utilityDeadlines.limits(u, "accept", now);
                    Db.update(c, "INSERT INTO hub_utility_request (application_id, utility, state, state_since, step, "
                            + "step_since, due_by, warn_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", app.applicationId(), u.name(),
                            UtilityState.REQUESTED.name(), at, l.step(), at, l.dueBy(), l.warnOn());
                }
                Db.update(c, "INSERT INTO hub_inbound_message (message_id, source_system, kind, declaration_id, received_at, body) "
                        + "VALUES (?, ?, 'UTILITY_APPLICATION', ?, ?, ?)", "utility-application:" + app.applicationId(),
                        caller, project.declarationId(), at, canonical);
                trail.append(c, project.declarationId(), "IN", caller, "UTILITY_APPLICATION", canonical);
                return List.of(outbox.add(c, UtilityQueues.APPLICATIONS, ref(app.applicationId(), null, null)));
            });
            return new Intake(Outcome.CREATED, find(app.applicationId()).orElseThrow(), messages);
        } catch (Db.StoreException e) {
            if (e.getCause() instanceof SQLException sql && Db.isDuplicateKey(sql)) {
                return repeat(find(app.applicationId()).orElseThrow(() -> e), sha);
            }
            throw e;
        }
    }

    private static Intake repeat(AppRow row, String sha) {
        return new Intake(row.bodySha256().equals(sha) ? Outcome.SAME : Outcome.CONFLICT, row, List.of());
    }

    /** A provider's state or free days, recorded once; a repeat answers SAME, a step back CONFLICT. */
    public ReportResult report(ProviderReport r, String source, String raw) {
        Optional<AppRow> app = find(r.applicationId());
        if (app.isEmpty()) {
            return new ReportResult(Outcome.NOT_FOUND, null, List.of());
        }
        return db.inTransaction(c -> {
            Declarations.Row project = Declarations.lock(c, app.get().declarationId()).orElseThrow();
            AppRow a = lockApp(c, r.applicationId());
            Optional<RequestRow> req = request(c, r.applicationId(), r.utility());
            if (req.isEmpty()) {
                return new ReportResult(Outcome.NOT_SELECTED, null, List.of());
            }
            RequestRow q = req.get();
            OffsetDateTime now = deadlines.now().toOffsetDateTime();
            List<Outbox.Message> out = new ArrayList<>();
            String messageId;
            if (r.isAvailability()) {
                List<LocalDate> slots = r.slots().stream().distinct().sorted().toList();
                if (q.availability() != null) {
                    return new ReportResult(q.availability().equals(slots) ? Outcome.SAME : Outcome.CONFLICT, q.state(),
                            List.of());
                }
                if (q.state().terminal()) {
                    return new ReportResult(Outcome.CONFLICT, q.state(), List.of());
                }
                Db.update(c, "UPDATE hub_utility_request SET availability = ?, availability_at = ? WHERE application_id = ? "
                        + "AND utility = ?", slots.stream().map(LocalDate::toString).collect(Collectors.joining(",")), now,
                        r.applicationId(), r.utility().name());
                messageId = "utility-availability:" + r.applicationId() + ":" + r.utility();
                trail.append(c, a.declarationId(), "IN", source, "UTILITY_AVAILABILITY", raw);
            } else {
                if (q.state() == r.state()) {
                    return new ReportResult(Outcome.SAME, q.state(), List.of());
                }
                if (q.state().terminal() || r.state().rank() < q.state().rank()) {
                    return new ReportResult(Outcome.CONFLICT, q.state(), List.of());
                }
                Db.update(c, "UPDATE hub_utility_request SET state = ?, state_since = ?, reason = ?, provider_survey_date = "
                        + "COALESCE(?, provider_survey_date) WHERE application_id = ? AND utility = ?", r.state().name(), now,
                        r.reason(), r.surveyDate(), r.applicationId(), r.utility().name());
                messageId = "utility-status:" + r.applicationId() + ":" + r.utility() + ":" + r.state();
                trail.append(c, a.declarationId(), "IN", source, "UTILITY_STATUS", raw);
                staging.utilityStatusChanged(c, a.projectCode(), a.applicationId(), r.utility(), r.state(), r.reason(), now);
                if (r.state() == UtilityState.CONNECTED) {
                    out.add(sms(c, a, project, "UTILITY_CONNECTED:" + a.applicationId() + ":" + r.utility(),
                            r.utility().label(), r.utility().connectedLabel() + "（已完成验收接入）"));
                } else if (r.state() == UtilityState.REJECTED) {
                    String reason = r.reason() == null ? "未说明" : truncate(r.reason(), 200);
                    out.add(sms(c, a, project, "UTILITY_REJECTED:" + a.applicationId() + ":" + r.utility(),
                            r.utility().label(), "不予受理，原因：" + reason));
                }
            }
            Db.update(c, "INSERT INTO hub_inbound_message (message_id, source_system, kind, declaration_id, received_at, body) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", messageId, source, r.isAvailability() ? "UTILITY_AVAILABILITY"
                            : "UTILITY_STATUS", a.declarationId(), now, raw);
            restep(c, r.applicationId(), r.utility(), a);
            out.addAll(maybeFixSurvey(c, a, project));
            return new ReportResult(Outcome.CREATED, r.isAvailability() ? q.state() : r.state(), out);
        });
    }

    /**
     * Once every provider still in the running has given its free days, the joint survey date is fixed (or, with no
     * common day, proposed and the rest escalated); the unit is told by SMS and every provider gets the date.
     */
    private List<Outbox.Message> maybeFixSurvey(Connection c, AppRow a, Declarations.Row project) throws SQLException {
        if (a.surveyStatus() != Survey.COLLECTING) {
            return List.of();
        }
        List<RequestRow> live = requests(c, a.applicationId()).stream().filter(q -> q.state() != UtilityState.REJECTED)
                .toList();
        if (live.isEmpty() || live.stream().anyMatch(q -> q.availability() == null)) {
            return List.of();
        }
        Map<Utility, Set<LocalDate>> availability = new EnumMap<>(Utility.class);
        live.forEach(q -> availability.put(q.utility(), new TreeSet<>(q.availability())));
        UtilityApplication form = form(a);
        SurveyScheduler.Plan plan = SurveyScheduler.plan(form.surveyWindows(), availability);
        OffsetDateTime now = deadlines.now().toOffsetDateTime();
        Survey status = plan.agreed() ? Survey.FIXED : Survey.PROPOSED;
        String unsuited = plan.unsuited().stream().map(Enum::name).collect(Collectors.joining(","));
        Db.update(c, "UPDATE hub_utility_application SET survey_status = ?, survey_date = ?, survey_fixed_at = ?, "
                + "survey_unsuited = ? WHERE application_id = ?", status.name(), plan.date(), now,
                unsuited.isEmpty() ? null : unsuited, a.applicationId());
        ObjectNode p = json.createObjectNode();
        p.put("applicationId", a.applicationId());
        p.put("surveyDate", plan.date() == null ? null : plan.date().toString());
        p.put("agreed", plan.agreed());
        p.put("suited", plan.suited().toString());
        p.put("unsuited", plan.unsuited().toString());
        trail.append(c, a.declarationId(), "HUB", "utility-survey", plan.agreed() ? "SURVEY_FIXED" : "SURVEY_PROPOSED",
                p.toString());
        List<Outbox.Message> out = new ArrayList<>();
        String utilities = live.stream().map(q -> q.utility().label()).collect(Collectors.joining("、"));
        if (plan.date() != null) {
            out.add(sms(c, a, project, "UTILITY_SURVEY:" + a.applicationId(), utilities + "联合报装",
                    (plan.agreed() ? "联合踏勘日期已定为" : "联合踏勘日期拟定为") + plan.date()
                            + (plan.agreed() ? "，请届时到场" : "，部分单位正在协调")));
            for (RequestRow q : live) {
                out.add(outbox.add(c, UtilityQueues.outbound(q.utility()),
                        ref(a.applicationId(), q.utility(), UtilityMessage.SURVEY)));
                restep(c, a.applicationId(), q.utility(), null);
            }
        }
        for (Utility u : plan.unsuited()) {
            trail.append(c, a.declarationId(), "HUB", "utility-survey", "SURVEY_ESCALATION",
                    "{\"utility\":\"" + u + "\",\"proposedDate\":" + (plan.date() == null ? "null" : "\"" + plan.date() + "\"")
                            + "}");
            Optional<String> supervisor = providers.supervisorMobile(u);
            if (supervisor.isPresent()) {
                out.add(outbox.add(c, Queues.NOTIFICATIONS, notices.notice(
                        "UTILITY_SURVEY_ESCALATION:" + a.applicationId() + ":" + u, "UTILITY_STATUS_CHANGED",
                        supervisor.get(), a.projectCode(), project.projectName(),
                        Map.of("utility", providers.name(u), "status", plan.date() == null
                                ? "联合踏勘无共同可用日期，请协调"
                                : "联合踏勘拟定" + plan.date() + "，与贵单位空闲时段不符，请协调"),
                        a.declarationId())));
            }
        }
        return out;
    }

    /** Recomputes the step the provider owes and its limit; a new step starts a new limit. */
    private void restep(Connection c, String applicationId, Utility u, AppRow known) throws SQLException {
        AppRow a = lockApp(c, applicationId);
        RequestRow q = request(c, applicationId, u).orElseThrow();
        String step = UtilityDeadlines.step(q.state(), q.availability() != null, a.surveyStatus() != Survey.COLLECTING);
        if (java.util.Objects.equals(step, q.step())) {
            return;
        }
        ZonedDateTime now = deadlines.now();
        if (step == null) {
            Db.update(c, "UPDATE hub_utility_request SET step = NULL, step_since = ?, due_by = NULL, warn_on = NULL, "
                    + "warned_at = NULL, escalated_at = NULL WHERE application_id = ? AND utility = ?",
                    now.toOffsetDateTime(), applicationId, u.name());
        } else {
            UtilityDeadlines.Limits l = utilityDeadlines.limits(u, step, now);
            Db.update(c, "UPDATE hub_utility_request SET step = ?, step_since = ?, due_by = ?, warn_on = ?, warned_at = NULL, "
                    + "escalated_at = NULL WHERE application_id = ? AND utility = ?", step, now.toOffsetDateTime(),
                    l.dueBy(), l.warnOn(), applicationId, u.name());
        }
    }

    private Outbox.Message sms(Connection c, AppRow a, Declarations.Row project, String eventId, String utility,
            String status) throws SQLException {
        return outbox.add(c, Queues.NOTIFICATIONS, notices.notice(eventId, "UTILITY_STATUS_CHANGED", a.unitMobile(),
                a.projectCode(), project.projectName(), Map.of("utility", utility, "status", status), a.declarationId()));
    }

    /** The message a provider gets (its adapter maps it to the provider's format). */
    public UtilityMessage message(String applicationId, Utility u, String kind, String projectName) {
        AppRow a = find(applicationId).orElseThrow();
        UtilityApplication f = form(a);
        return new UtilityMessage(kind, applicationId, u, a.projectCode(), projectName, f.site(), f.contact().name(),
                f.contact().mobile(), f.demandOf(u), f.surveyWindows(), a.surveyDate(), a.surveyStatus() == Survey.FIXED,
                "/api/v1/utility-providers/" + u + "/status");
    }

    /** The provider acknowledged a message: recorded once (trail OUT + IN), whatever the redeliveries. */
    public boolean sent(String applicationId, Utility u, String kind, String sentBody, String reply) {
        AppRow a = find(applicationId).orElseThrow();
        return db.inTransaction(c -> {
            Declarations.lock(c, a.declarationId());
            String column = UtilityMessage.APPLICATION.equals(kind) ? "requested_at" : "survey_sent_at";
            int n = Db.update(c, "UPDATE hub_utility_request SET " + column + " = ? WHERE application_id = ? AND utility = ? "
                    + "AND " + column + " IS NULL", deadlines.now().toOffsetDateTime(), applicationId, u.name());
            if (n == 1) {
                trail.append(c, a.declarationId(), "OUT", u.identity(), "UTILITY_" + kind, sentBody == null ? "" : sentBody);
                trail.append(c, a.declarationId(), "IN", u.identity(), "UTILITY_" + kind + "_ACK", reply == null ? "" : reply);
            }
            return n == 1;
        });
    }

    public boolean isSent(String applicationId, Utility u, String kind) {
        return request(applicationId, u).map(q -> UtilityMessage.APPLICATION.equals(kind) ? q.requestedAt() != null
                : q.surveySentAt() != null).orElse(false);
    }

    public UtilityApplication form(AppRow a) {
        try {
            return json.readValue(a.body(), UtilityApplication.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<AppRow> find(String applicationId) {
        return db.read(c -> Db.one(c, "SELECT * FROM hub_utility_application WHERE application_id = ?",
                UtilityApplications::app, applicationId));
    }

    public List<AppRow> byProject(String projectCode) {
        return db.read(c -> Db.list(c, "SELECT * FROM hub_utility_application WHERE project_code = ? ORDER BY received_at",
                UtilityApplications::app, projectCode));
    }

    public List<RequestRow> requests(String applicationId) {
        return db.read(c -> requests(c, applicationId));
    }

    public Optional<RequestRow> request(String applicationId, Utility u) {
        return db.read(c -> request(c, applicationId, u));
    }

    public static List<RequestRow> requests(Connection c, String applicationId) throws SQLException {
        List<RequestRow> rows = new ArrayList<>(Db.list(c, "SELECT * FROM hub_utility_request WHERE application_id = ?",
                UtilityApplications::request, applicationId));
        rows.sort(java.util.Comparator.comparing(RequestRow::utility));
        return rows;
    }

    static Optional<RequestRow> request(Connection c, String applicationId, Utility u) throws SQLException {
        return Db.one(c, "SELECT * FROM hub_utility_request WHERE application_id = ? AND utility = ?",
                UtilityApplications::request, applicationId, u.name());
    }

    static AppRow lockApp(Connection c, String applicationId) throws SQLException {
        return Db.one(c, "SELECT * FROM hub_utility_application WHERE application_id = ? FOR UPDATE",
                UtilityApplications::app, applicationId).orElseThrow();
    }

    /** Requests whose step's warning day or due day has come and not been raised yet. */
    public List<RequestRow> due(LocalDate today) {
        return db.read(c -> Db.list(c, "SELECT * FROM hub_utility_request WHERE step IS NOT NULL AND ((warn_on <= ? AND "
                + "warned_at IS NULL) OR (due_by < ? AND escalated_at IS NULL))", UtilityApplications::request, today, today));
    }

    public String ref(String applicationId, Utility u, String kind) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("applicationId", applicationId);
        if (u != null) {
            m.put("utility", u.name());
            m.put("kind", kind);
        }
        try {
            return json.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static AppRow app(ResultSet rs) throws SQLException {
        return new AppRow(rs.getString("application_id"), rs.getString("declaration_id"), rs.getString("project_code"),
                rs.getString("body_sha256"), rs.getString("body"), rs.getString("unit_mobile"), rs.getBoolean("early_stage"),
                Db.time(rs, "received_at"), Survey.valueOf(rs.getString("survey_status")), Db.date(rs, "survey_date"),
                Db.time(rs, "survey_fixed_at"), rs.getString("survey_unsuited"));
    }

    static RequestRow request(ResultSet rs) throws SQLException {
        String av = rs.getString("availability");
        List<LocalDate> availability = av == null ? null
                : av.isEmpty() ? List.of() : Arrays.stream(av.split(",")).map(LocalDate::parse).toList();
        return new RequestRow(rs.getString("application_id"), Utility.valueOf(rs.getString("utility")),
                UtilityState.valueOf(rs.getString("state")), Db.time(rs, "state_since"), rs.getString("reason"),
                Db.date(rs, "provider_survey_date"), availability, Db.time(rs, "availability_at"),
                Db.time(rs, "requested_at"), Db.time(rs, "survey_sent_at"), rs.getString("step"), Db.date(rs, "due_by"),
                Db.date(rs, "warn_on"), Db.time(rs, "warned_at"), Db.time(rs, "escalated_at"));
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
