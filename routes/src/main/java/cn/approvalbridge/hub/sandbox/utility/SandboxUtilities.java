package cn.approvalbridge.hub.sandbox.utility;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import cn.approvalbridge.hub.sandbox.Sandbox;
import cn.approvalbridge.hub.sandbox.engine.HubClient;
import cn.approvalbridge.hub.sandbox.engine.Message;
import cn.approvalbridge.hub.sandbox.engine.RuledSimulator;
import cn.approvalbridge.hub.sandbox.engine.SimulatorEngine;
import cn.approvalbridge.hub.sandbox.engine.Work;
import cn.approvalbridge.hub.utility.Utility;
import cn.approvalbridge.hub.utility.UtilityApplication.SurveyWindow;
import cn.approvalbridge.support.WorkingCalendar;
import cn.approvalbridge.hub.platform.store.Leases;
import io.quarkus.scheduler.Scheduled;

/**
 * Sandbox utility providers, one per utility, answering by rule — hub.sandbox.utilities.&lt;UTILITY&gt;.rule (default
 * hub.sandbox.utilities.default-rule): CONNECT walks ACCEPTED (with free survey days: every working day in the unit's
 * windows) → SURVEY_SCHEDULED → PLAN_REPLIED → UNDER_CONSTRUCTION → CONNECTED, one step every
 * hub.sandbox.utilities.step-delay-ms once the joint survey date arrives, without waiting for that date; REJECT;
 * SILENCE; DOWN (HTTP providers answer 503). Changeable at run time (PUT /sandbox/utilities/{utility}/rule). Pending
 * answers are rows in the database, so they survive a restart. The HTTP providers answer through the hub's provider
 * API with their identity (utility-&lt;UTILITY&gt;); the heating company answers in files (SandboxHeatingCompany).
 */
@ApplicationScoped
public class SandboxUtilities extends RuledSimulator<Utility, SandboxUtilities.Behaviour> {

    static final String SIMULATOR = "utility";

    private static final Logger LOG = Logger.getLogger(SandboxUtilities.class);
    private static final String[] STEPS = { "SURVEY_SCHEDULED", "PLAN_REPLIED", "UNDER_CONSTRUCTION", "CONNECTED" };

    public enum Rule {
        CONNECT, REJECT, SILENCE, DOWN
    }

    public record Behaviour(Rule rule) {
    }

    /** What a provider was told, in the fields the sandbox needs (from JSON, XML or a CSV row alike). */
    public record Received(Utility utility, String kind, String applicationId, List<SurveyWindow> windows,
            LocalDate surveyDate, String body) {
    }

    @Inject
    SimulatorEngine engine;
    @Inject
    HubClient hub;
    @Inject
    SandboxHeatingCompany heating;
    @Inject
    WorkingCalendar calendar;
    @Inject
    Sandbox sandbox;
    @Inject
    Leases leases;
    @Inject
    Config config;
    @ConfigProperty(name = "hub.sandbox.utilities.default-rule")
    Rule defaultRule;
    @ConfigProperty(name = "hub.sandbox.utilities.accept-delay-ms")
    long acceptDelayMs;
    @ConfigProperty(name = "hub.sandbox.utilities.step-delay-ms")
    long stepDelayMs;
    @ConfigProperty(name = "hub.sandbox.utilities.password")
    String password;

    @Override
    protected Behaviour configured(Utility u) {
        return new Behaviour(config.getOptionalValue("hub.sandbox.utilities." + u + ".rule", Rule.class).orElse(defaultRule));
    }

    /** A message arrived: recorded once; its answers scheduled by the rule (a redelivered message schedules nothing). */
    public void received(Received r) {
        if (!engine.receive(Message.arrived(SIMULATOR, r.utility().name(), r.kind(), r.applicationId(), r.kind(),
                r.body()))) {
            return;
        }
        Rule rule = behaviour(r.utility()).rule();
        List<Work> answers = new ArrayList<>();
        OffsetDateTime accept = engine.inMillis(acceptDelayMs);
        if ("APPLICATION".equals(r.kind())) {
            if (rule == Rule.CONNECT) {
                answers.add(answer(r, "AVAILABILITY", String.join(";", freeDays(r.windows())), accept));
                answers.add(answer(r, "ACCEPTED", null, accept.plusNanos(1_000_000)));
            } else if (rule == Rule.REJECT) {
                answers.add(answer(r, "REJECTED", "沙箱" + r.utility().label()
                        + "单位：供应能力不足，暂不具备接入条件（sandbox rule REJECT）", accept));
            }
        } else if ("SURVEY".equals(r.kind()) && rule == Rule.CONNECT) {
            for (int i = 0; i < STEPS.length; i++) {
                answers.add(answer(r, STEPS[i], i == 0 && r.surveyDate() != null ? r.surveyDate().toString() : null,
                        engine.inMillis((i + 1) * stepDelayMs)));
            }
        }
        engine.schedule(answers);
    }

    private static Work answer(Received r, String action, String payload, OffsetDateTime due) {
        return new Work(SIMULATOR, UUID.randomUUID().toString(), r.utility().name(), r.applicationId(), action, payload,
                due);
    }

    private List<String> freeDays(List<SurveyWindow> windows) {
        List<String> days = new ArrayList<>();
        for (SurveyWindow w : windows) {
            for (LocalDate d = w.from(); !d.isAfter(w.to()) && days.size() < 30; d = d.plusDays(1)) {
                if (calendar.isWorkingDay(d)) {
                    days.add(d.toString());
                }
            }
        }
        return days;
    }

    public List<Map<String, Object>> receivedBy(Utility u, String applicationId) {
        return engine.received(SIMULATOR, u.name(), null, applicationId).stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", r.kind());
            m.put("body", r.body());
            m.put("receivedAt", r.receivedAt().toString());
            m.put("timesReceived", r.timesReceived());
            return m;
        }).toList();
    }

    @Scheduled(every = "{hub.sandbox.utilities.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "3s")
    void poll() {
        // one replica reads the request files of the shared SFTP directory and answers (the lease)
        if (!sandbox.enabled() || !leases.hold("sandbox-" + SIMULATOR)) {
            return;
        }
        heating.readRequests(this::received);
        answerDue();
    }

    void answerDue() {
        List<Work> heat = new ArrayList<>();
        for (Work w : engine.due(SIMULATOR, 500)) {
            if (Utility.HEAT.name().equals(w.partner())) {
                heat.add(w);
            } else if (answerOverHttp(w)) {
                engine.done(w);
            }
        }
        if (!heat.isEmpty() && heating.writeResults(heat)) {
            heat.forEach(engine::done);
        }
    }

    private boolean answerOverHttp(Work w) {
        Utility u = Utility.valueOf(w.partner());
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("applicationId", w.subject());
            String path;
            if ("AVAILABILITY".equals(w.action())) {
                path = "survey-availability";
                body.put("slots", w.payload() == null || w.payload().isEmpty() ? List.of() : List.of(w.payload().split(";")));
            } else {
                path = "status";
                body.put("state", w.action());
                if ("REJECTED".equals(w.action())) {
                    body.put("reason", w.payload());
                } else if (w.payload() != null) {
                    body.put("surveyDate", w.payload());
                }
            }
            int status = hub.post(u.identity(), password, "/api/v1/utility-providers/" + u + "/" + path, body).statusCode();
            if (HubClient.taken(status)) {
                return true;
            }
            LOG.warnf("Sandbox provider %s: the hub answered %d to %s of %s; retrying", u, status, w.action(), w.subject());
        } catch (Exception e) {
            LOG.debugf(e, "Sandbox provider %s could not answer %s yet", u, w.subject());
        }
        return false;
    }
}
