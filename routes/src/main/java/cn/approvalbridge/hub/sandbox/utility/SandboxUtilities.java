package cn.approvalbridge.hub.sandbox.utility;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.camel.PartnerUrls;
import cn.approvalbridge.hub.sandbox.Sandbox;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.hub.utility.Utility;
import cn.approvalbridge.hub.utility.UtilityApplication.SurveyWindow;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.WorkingCalendar;
import io.quarkus.scheduler.Scheduled;

/**
 * Sandbox utility providers, one per utility, answering by rule — hub.sandbox.utilities.&lt;UTILITY&gt;.rule (default
 * hub.sandbox.utilities.default-rule): CONNECT walks ACCEPTED (with free survey days: every working day in the unit's
 * windows) → SURVEY_SCHEDULED → PLAN_REPLIED → UNDER_CONSTRUCTION → CONNECTED, one step every
 * hub.sandbox.utilities.step-delay-ms once the joint survey date arrives, without waiting for that date; REJECT;
 * SILENCE; DOWN (HTTP providers answer 503). Changeable at run time (PUT /sandbox/utilities/{utility}/rule). Pending
 * answers are rows in the database, so they survive a restart. The HTTP providers answer through the hub's provider
 * API with their identity (utility-&lt;UTILITY&gt;); the heating company reads request files from its SFTP directory and
 * writes result files there.
 */
@ApplicationScoped
public class SandboxUtilities {

    private static final Logger LOG = Logger.getLogger(SandboxUtilities.class);

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
    Db db;

    @Inject
    Clock clock;

    @Inject
    Config config;

    @Inject
    PartnerUrls urls;

    @Inject
    Sandbox sandbox;

    @Inject
    WorkingCalendar calendar;

    @Inject
    SandboxSftpServer sftp;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "hub.sandbox.utilities.default-rule")
    Rule defaultRule;

    @ConfigProperty(name = "hub.sandbox.utilities.accept-delay-ms")
    long acceptDelayMs;

    @ConfigProperty(name = "hub.sandbox.utilities.step-delay-ms")
    long stepDelayMs;

    @ConfigProperty(name = "hub.sandbox.utilities.password")
    String password;

    @ConfigProperty(name = "hub.utilities.HEAT.sftp.request-dir")
    String requestDir;

    @ConfigProperty(name = "hub.utilities.HEAT.sftp.result-dir")
    String resultDir;

    @ConfigProperty(name = "hub.utilities.HEAT.sftp.host")
    java.util.Optional<String> realHeatHost;

    private final Map<Utility, Behaviour> overrides = new ConcurrentHashMap<>();

    // The sandbox calls its own hub: 2 s to connect, 10 s to answer.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public Behaviour behaviour(Utility u) {
        Behaviour b = overrides.get(u);
        return b != null ? b
                : new Behaviour(config.getOptionalValue("hub.sandbox.utilities." + u + ".rule", Rule.class).orElse(defaultRule));
    }

    public void setBehaviour(Utility u, Behaviour b) {
        overrides.put(u, b);
    }

    public void resetBehaviours() {
        overrides.clear();
    }

    /** A message arrived: recorded once; its answers scheduled by the rule (a redelivered message schedules nothing). */
    public void received(Received r) {
        OffsetDateTime now = now();
        boolean first;
        try {
            db.inTransaction(c -> Db.update(c, "INSERT INTO hub_sandbox_utility_received (utility, application_id, kind, body, "
                    + "received_at, times_received) VALUES (?, ?, ?, ?, ?, 1)", r.utility().name(), r.applicationId(),
                    r.kind(), r.body(), now));
            first = true;
        } catch (Db.StoreException e) {
            if (!(e.getCause() instanceof SQLException sql && Db.isDuplicateKey(sql))) {
                throw e;
            }
            db.inTransaction(c -> Db.update(c, "UPDATE hub_sandbox_utility_received SET times_received = times_received + 1 "
                    + "WHERE utility = ? AND application_id = ? AND kind = ?", r.utility().name(), r.applicationId(), r.kind()));
            first = false;
        }
        if (!first) {
            return;
        }
        Rule rule = behaviour(r.utility()).rule();
        List<Object[]> actions = new ArrayList<>(); // action, payload, due
        OffsetDateTime accept = now.plusNanos(acceptDelayMs * 1_000_000);
        if ("APPLICATION".equals(r.kind())) {
            if (rule == Rule.CONNECT) {
                actions.add(new Object[] { "AVAILABILITY", String.join(";", freeDays(r.windows())), accept });
                actions.add(new Object[] { "ACCEPTED", null, accept.plusNanos(1_000_000) });
            } else if (rule == Rule.REJECT) {
                actions.add(new Object[] { "REJECTED", "沙箱" + r.utility().label() + "单位：供应能力不足，暂不具备接入条件（sandbox rule REJECT）",
                        accept });
            }
        } else if ("SURVEY".equals(r.kind()) && rule == Rule.CONNECT) {
            String[] steps = { "SURVEY_SCHEDULED", "PLAN_REPLIED", "UNDER_CONSTRUCTION", "CONNECTED" };
            for (int i = 0; i < steps.length; i++) {
                actions.add(new Object[] { steps[i], i == 0 && r.surveyDate() != null ? r.surveyDate().toString() : null,
                        now.plusNanos((i + 1) * stepDelayMs * 1_000_000) });
            }
        }
        db.inTransaction(c -> {
            for (Object[] a : actions) {
                Db.update(c, "INSERT INTO hub_sandbox_utility_action (id, utility, application_id, action, payload, due_at, "
                        + "attempts) VALUES (?, ?, ?, ?, ?, ?, 0)", UUID.randomUUID().toString(), r.utility().name(),
                        r.applicationId(), a[0], a[1], a[2]);
            }
            return null;
        });
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
        return db.read(c -> Db.list(c, "SELECT kind, body, received_at, times_received FROM hub_sandbox_utility_received "
                + "WHERE utility = ? AND application_id = ? ORDER BY received_at", rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("kind", rs.getString(1));
                    m.put("body", rs.getString(2));
                    m.put("receivedAt", Db.time(rs, "received_at").toString());
                    m.put("timesReceived", rs.getInt(4));
                    return m;
                }, u.name(), applicationId));
    }

    @Scheduled(every = "{hub.sandbox.utilities.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "3s")
    void poll() {
        if (!sandbox.enabled()) {
            return;
        }
        if (realHeatHost.filter(h -> !h.isBlank()).isEmpty() && sftp.running()) {
            readHeatRequests();
        }
        answerDue();
    }

    /** The heating company's side: each request file in its directory, read once, then moved to .processed. */
    void readHeatRequests() {
        Path dir = sftp.root().resolve(requestDir);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            LOG.warn("Sandbox heating company cannot list its requests", e);
            return;
        }
        for (Path f : files) {
            try {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    if (line.isBlank()) {
                        continue;
                    }
                    List<String> v = csv(line);
                    List<SurveyWindow> windows = new ArrayList<>();
                    for (String w : v.get(8).split(";")) {
                        if (w.contains("/")) {
                            windows.add(new SurveyWindow(LocalDate.parse(w.split("/")[0]), LocalDate.parse(w.split("/")[1])));
                        }
                    }
                    received(new Received(Utility.HEAT, v.get(0), v.get(1), windows,
                            v.get(9).isBlank() ? null : LocalDate.parse(v.get(9)), line));
                }
                Path done = dir.resolve(".processed");
                Files.createDirectories(done);
                Files.move(f, done.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            } catch (Exception e) {
                LOG.warnf(e, "Sandbox heating company cannot read %s", f.getFileName());
            }
        }
    }

    void answerDue() {
        List<Object[]> due = db.read(c -> Db.list(c, "SELECT id, utility, application_id, action, payload FROM "
                + "hub_sandbox_utility_action WHERE done_at IS NULL AND due_at <= ? ORDER BY due_at", rs -> new Object[] {
                        rs.getString(1), Utility.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5) },
                now())).stream().limit(500).toList();
        List<Object[]> heat = new ArrayList<>();
        for (Object[] a : due) {
            if (a[1] == Utility.HEAT) {
                heat.add(a);
            } else if (answerOverHttp((Utility) a[1], (String) a[2], (String) a[3], (String) a[4])) {
                done((String) a[0]);
            }
        }
        if (!heat.isEmpty()) {
            writeHeatResults(heat);
        }
    }

    private boolean answerOverHttp(Utility u, String applicationId, String action, String payload) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("applicationId", applicationId);
            String path;
            if ("AVAILABILITY".equals(action)) {
                path = "survey-availability";
                body.put("slots", payload == null || payload.isEmpty() ? List.of() : List.of(payload.split(";")));
            } else {
                path = "status";
                body.put("state", action);
                if ("REJECTED".equals(action)) {
                    body.put("reason", payload);
                } else if (payload != null) {
                    body.put("surveyDate", payload);
                }
            }
            String auth = Base64.getEncoder().encodeToString((u.identity() + ":" + password).getBytes(StandardCharsets.UTF_8));
            HttpRequest req = HttpRequest.newBuilder(URI.create(urls.base() + "/api/v1/utility-providers/" + u + "/" + path))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + auth)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
            int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2 || status == 409) {
                return true;
            }
            LOG.warnf("Sandbox provider %s: the hub answered %d to %s of %s; retrying", u, status, action, applicationId);
        } catch (Exception e) {
            LOG.debugf(e, "Sandbox provider %s could not answer %s yet", u, applicationId);
        }
        return false;
    }

    /** One result file for all the heating company's due answers, written under a temporary name, then renamed. */
    private void writeHeatResults(List<Object[]> actions) {
        StringBuilder sb = new StringBuilder("applicationId,kind,state,surveyDate,slots,reason\n");
        for (Object[] a : actions) {
            String id = (String) a[2];
            String action = (String) a[3];
            String payload = a[4] == null ? "" : (String) a[4];
            if ("AVAILABILITY".equals(action)) {
                sb.append(id).append(",AVAILABILITY,,,").append(payload).append(",\n");
            } else if ("REJECTED".equals(action)) {
                sb.append(id).append(",STATUS,REJECTED,,,\"").append(payload.replace("\"", "'")).append("\"\n");
            } else {
                sb.append(id).append(",STATUS,").append(action).append(',').append(payload).append(",,\n");
            }
        }
        try {
            Path dir = sftp.root().resolve(resultDir);
            Files.createDirectories(dir);
            String name = "result-" + System.currentTimeMillis() + "-" + UUID.randomUUID().toString().substring(0, 8);
            Path tmp = dir.resolve(name + ".tmp");
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(name + ".csv"), StandardCopyOption.ATOMIC_MOVE);
            actions.forEach(a -> done((String) a[0]));
        } catch (IOException e) {
            LOG.warn("Sandbox heating company cannot write its result file; retrying", e);
        }
    }

    private void done(String id) {
        db.inTransaction(c -> Db.update(c, "UPDATE hub_sandbox_utility_action SET done_at = ?, attempts = attempts + 1 "
                + "WHERE id = ?", now(), id));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ChinaTime.ZONE));
    }

    /** Quote-aware split of one CSV line (the hub's request files quote every field). */
    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        while (out.size() < 11) {
            out.add("");
        }
        return out;
    }
}
