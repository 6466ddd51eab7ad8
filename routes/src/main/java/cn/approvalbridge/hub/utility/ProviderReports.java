package cn.approvalbridge.hub.utility;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.utility.UtilityApplications.AppRow;
import cn.approvalbridge.hub.utility.UtilityApplications.Outcome;
import cn.approvalbridge.hub.utility.UtilityApplications.RequestRow;
import cn.approvalbridge.hub.utility.UtilityApplications.Survey;
import cn.approvalbridge.support.Db;

/**
 * A provider's reports on an application: its state or its free survey days, each recorded once with its inbound log
 * entry, trail entry, staging row and outbox messages in one transaction under the declaration's row lock. The
 * provider's step and limit follow its state; once every provider in the running has given its free days the joint
 * survey date is set.
 */
@ApplicationScoped
public class ProviderReports {

    /** A provider's report: a state (with reason when REJECTED, a date when SURVEY_SCHEDULED) or its free days. */
    public record Report(Utility utility, String applicationId, UtilityState state, String reason,
            LocalDate surveyDate, List<LocalDate> slots) {
        public boolean isAvailability() {
            return slots != null;
        }
    }

    public record Result(Outcome outcome, UtilityState current, List<Outbox.Message> messages) {
    }

    @Inject
    UtilityApplications applications;

    @Inject
    UtilityNotices notices;

    @Inject
    ItemProcessingStagingHook staging;

    @Inject
    UtilityDeadlines utilityDeadlines;

    @Inject
    Deadlines deadlines;

    @Inject
    Db db;

    @Inject
    Trail trail;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    /** A provider's state or free days, recorded once; a repeat answers SAME, a step back CONFLICT. */
    public Result report(Report r, String source, String raw) {
        Optional<AppRow> app = applications.find(r.applicationId());
        if (app.isEmpty()) {
            return new Result(Outcome.NOT_FOUND, null, List.of());
        }
        return db.inTransaction(c -> {
            Declarations.Row project = Declarations.lock(c, app.get().declarationId()).orElseThrow();
            AppRow a = UtilityApplications.lockApp(c, r.applicationId());
            Optional<RequestRow> req = UtilityApplications.request(c, r.applicationId(), r.utility());
            if (req.isEmpty()) {
                return new Result(Outcome.NOT_SELECTED, null, List.of());
            }
            RequestRow q = req.get();
            OffsetDateTime now = deadlines.now().toOffsetDateTime();
            List<Outbox.Message> out = new ArrayList<>();
            String messageId;
            if (r.isAvailability()) {
                List<LocalDate> slots = r.slots().stream().distinct().sorted().toList();
                if (q.availability() != null) {
                    return new Result(q.availability().equals(slots) ? Outcome.SAME : Outcome.CONFLICT, q.state(),
                            List.of());
                }
                if (q.state().terminal()) {
                    return new Result(Outcome.CONFLICT, q.state(), List.of());
                }
                Db.update(c, "UPDATE hub_utility_request SET availability = ?, availability_at = ? WHERE application_id = ? "
                        + "AND utility = ?", slots.stream().map(LocalDate::toString).collect(Collectors.joining(",")), now,
                        r.applicationId(), r.utility().name());
                messageId = "utility-availability:" + r.applicationId() + ":" + r.utility();
                trail.append(c, a.declarationId(), "IN", source, "UTILITY_AVAILABILITY", raw);
            } else {
                if (q.state() == r.state()) {
                    return new Result(Outcome.SAME, q.state(), List.of());
                }
                if (q.state().terminal() || r.state().rank() < q.state().rank()) {
                    return new Result(Outcome.CONFLICT, q.state(), List.of());
                }
                Db.update(c, "UPDATE hub_utility_request SET state = ?, state_since = ?, reason = ?, provider_survey_date = "
                        + "COALESCE(?, provider_survey_date) WHERE application_id = ? AND utility = ?", r.state().name(), now,
                        r.reason(), r.surveyDate(), r.applicationId(), r.utility().name());
                messageId = "utility-status:" + r.applicationId() + ":" + r.utility() + ":" + r.state();
                trail.append(c, a.declarationId(), "IN", source, "UTILITY_STATUS", raw);
                staging.utilityStatusChanged(c, a.projectCode(), a.applicationId(), r.utility(), r.state(), r.reason(), now);
                if (r.state() == UtilityState.CONNECTED) {
                    out.add(notices.toUnit(c, a, project, "UTILITY_CONNECTED:" + a.applicationId() + ":" + r.utility(),
                            r.utility().label(), r.utility().connectedLabel() + "（已完成验收接入）"));
                } else if (r.state() == UtilityState.REJECTED) {
                    String reason = r.reason() == null ? "未说明" : truncate(r.reason(), 200);
                    out.add(notices.toUnit(c, a, project, "UTILITY_REJECTED:" + a.applicationId() + ":" + r.utility(),
                            r.utility().label(), "不予受理，原因：" + reason));
                }
            }
            Db.update(c, "INSERT INTO hub_inbound_message (message_id, source_system, kind, declaration_id, received_at, body) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", messageId, source, r.isAvailability() ? "UTILITY_AVAILABILITY"
                            : "UTILITY_STATUS", a.declarationId(), now, raw);
            restep(c, r.applicationId(), r.utility());
            out.addAll(maybeFixSurvey(c, a, project));
            return new Result(Outcome.CREATED, r.isAvailability() ? q.state() : r.state(), out);
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
        List<RequestRow> live = UtilityApplications.requests(c, a.applicationId()).stream()
                .filter(q -> q.state() != UtilityState.REJECTED).toList();
        if (live.isEmpty() || live.stream().anyMatch(q -> q.availability() == null)) {
            return List.of();
        }
        Map<Utility, Set<LocalDate>> availability = new EnumMap<>(Utility.class);
        live.forEach(q -> availability.put(q.utility(), new TreeSet<>(q.availability())));
        SurveyScheduler.Plan plan = SurveyScheduler.plan(applications.form(a).surveyWindows(), availability);
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
            out.add(notices.toUnit(c, a, project, "UTILITY_SURVEY:" + a.applicationId(), utilities + "联合报装",
                    (plan.agreed() ? "联合踏勘日期已定为" : "联合踏勘日期拟定为") + plan.date()
                            + (plan.agreed() ? "，请届时到场" : "，部分单位正在协调")));
            for (RequestRow q : live) {
                out.add(outbox.add(c, UtilityQueues.outbound(q.utility()),
                        applications.ref(a.applicationId(), q.utility(), UtilityMessage.SURVEY)));
                restep(c, a.applicationId(), q.utility());
            }
        }
        for (Utility u : plan.unsuited()) {
            trail.append(c, a.declarationId(), "HUB", "utility-survey", "SURVEY_ESCALATION",
                    "{\"utility\":\"" + u + "\",\"proposedDate\":" + (plan.date() == null ? "null" : "\"" + plan.date() + "\"")
                            + "}");
            notices.surveyEscalation(c, a, project, u, plan.date()).ifPresent(out::add);
        }
        return out;
    }

    /** Recomputes the step the provider owes and its limit; a new step starts a new limit. */
    private void restep(Connection c, String applicationId, Utility u) throws SQLException {
        AppRow a = UtilityApplications.lockApp(c, applicationId);
        RequestRow q = UtilityApplications.request(c, applicationId, u).orElseThrow();
        String step = UtilityDeadlines.step(q.state(), q.availability() != null, a.surveyStatus() != Survey.COLLECTING);
        if (Objects.equals(step, q.step())) {
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

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
