package cn.approvalbridge.hub.utility;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.Db;

/**
 * Joint applications and each provider's progress: the intake of the window's form, the messages the providers get and
 * their acknowledgement, and the reads of both tables (a provider's reports: {@link ProviderReports}). Like the hub's
 * declarations, the form is written with its inbound log entry, trail entry and outbox message in ONE transaction,
 * under the declaration's row lock (the trail is the project's), before it is acknowledged.
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
            if (Db.isDuplicateKey(e)) {
                return repeat(find(app.applicationId()).orElseThrow(() -> e), sha);
            }
            throw e;
        }
    }

    private static Intake repeat(AppRow row, String sha) {
        return new Intake(row.bodySha256().equals(sha) ? Outcome.SAME : Outcome.CONFLICT, row, List.of());
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
        } catch (JsonProcessingException e) {
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
        rows.sort(Comparator.comparing(RequestRow::utility));
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
        } catch (JsonProcessingException e) {
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
}
