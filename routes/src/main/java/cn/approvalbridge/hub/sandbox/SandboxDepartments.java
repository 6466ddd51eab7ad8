package cn.approvalbridge.hub.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.camel.PartnerUrls;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.support.ChinaTime;
import io.quarkus.scheduler.Scheduled;

/**
 * Sandbox review departments. Each answers by its rule — hub.sandbox.departments.&lt;code&gt;.rule (PASS, REJECT,
 * SILENCE, DELAY with .delay-seconds, DOWN), changeable at run time through PUT /sandbox/departments/{code}/rule — and
 * keeps its pending answers in the database, so they survive a restart. It answers like a real department would:
 * through the hub's inbound API with its own identity (dept-&lt;code&gt;).
 */
@ApplicationScoped
public class SandboxDepartments {

    private static final Logger LOG = Logger.getLogger(SandboxDepartments.class);

    public enum Rule {
        PASS, REJECT, SILENCE, DELAY, DOWN
    }

    public record Behaviour(Rule rule, int delaySeconds) {
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
    ObjectMapper json;

    @Inject
    Sandbox sandbox;

    @ConfigProperty(name = "hub.sandbox.departments.default-rule")
    Rule defaultRule;

    @ConfigProperty(name = "hub.sandbox.departments.default-delay-seconds")
    int defaultDelay;

    @ConfigProperty(name = "hub.sandbox.departments.password")
    String password;

    private final Map<String, Behaviour> overrides = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> refused = new ConcurrentHashMap<>();

    /** A request this department turned away while DOWN (what the partner saw of the hub's retries). */
    public void refused(String code) {
        refused.computeIfAbsent(code, c -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
    }

    public int refusedCount(String code) {
        var n = refused.get(code);
        return n == null ? 0 : n.get();
    }

    // The sandbox calls its own hub: 2 s to connect, 10 s to answer, well within the scheduler's interval budget.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public Behaviour behaviour(String code) {
        Behaviour b = overrides.get(code);
        if (b != null) {
            return b;
        }
        Rule rule = config.getOptionalValue("hub.sandbox.departments." + code + ".rule", Rule.class).orElse(defaultRule);
        int delay = config.getOptionalValue("hub.sandbox.departments." + code + ".delay-seconds", Integer.class)
                .orElse(defaultDelay);
        return new Behaviour(rule, delay);
    }

    public void setBehaviour(String code, Behaviour behaviour) {
        overrides.put(code, behaviour);
    }

    public void resetBehaviours() {
        overrides.clear();
    }

    /** A pre-review request arrived: remember the answer to give (once per declaration), unless the rule is SILENCE. */
    public void received(String code, String declarationId) {
        Behaviour b = behaviour(code);
        if (b.rule() == Rule.SILENCE) {
            return;
        }
        String decision = b.rule() == Rule.REJECT ? "REJECT" : "PASS";
        String opinion = b.rule() == Rule.REJECT ? "沙箱部门" + code + "：项目选址不符合规划（sandbox rule REJECT）" : "同意";
        int delay = b.rule() == Rule.DELAY || b.rule() == Rule.PASS || b.rule() == Rule.REJECT ? b.delaySeconds() : 0;
        OffsetDateTime after = OffsetDateTime.now(clock.withZone(ChinaTime.ZONE)).plusSeconds(delay);
        try {
            db.inTransaction(c -> Db.update(c, "INSERT INTO hub_sandbox_pending_answer (department_code, declaration_id, "
                    + "decision, opinion, answer_after, attempts) VALUES (?, ?, ?, ?, ?, 0)", code, declarationId, decision,
                    opinion, after));
        } catch (Db.StoreException e) {
            if (!(e.getCause() instanceof SQLException sql && Db.isDuplicateKey(sql))) {
                throw e;
            }
            // the hub redelivered the request: the answer is already pending
        }
    }

    @Scheduled(every = "{hub.sandbox.departments.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "3s")
    void answerDue() {
        if (!sandbox.enabled()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ChinaTime.ZONE));
        List<Object[]> due = db.read(c -> Db.list(c, "SELECT department_code, declaration_id, decision, opinion "
                + "FROM hub_sandbox_pending_answer WHERE answered_at IS NULL AND answer_after <= ? ORDER BY answer_after",
                rs -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) }, now))
                .stream().limit(200).toList();
        for (Object[] d : due) {
            answer((String) d[0], (String) d[1], (String) d[2], (String) d[3]);
        }
    }

    private void answer(String code, String declarationId, String decision, String opinion) {
        try {
            String body = json.writeValueAsString(Map.of("departmentCode", code, "decision", decision, "opinion", opinion));
            String auth = Base64.getEncoder().encodeToString(("dept-" + code + ":" + password).getBytes(StandardCharsets.UTF_8));
            HttpRequest req = HttpRequest.newBuilder(URI.create(urls.base() + "/api/v1/declarations/" + declarationId
                    + "/pre-review-opinions")).timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + auth)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2 || status == 409) {
                db.inTransaction(c -> Db.update(c, "UPDATE hub_sandbox_pending_answer SET answered_at = ?, attempts = attempts + 1 "
                        + "WHERE department_code = ? AND declaration_id = ?", OffsetDateTime.now(clock.withZone(ChinaTime.ZONE)),
                        code, declarationId));
            } else {
                LOG.warnf("Sandbox department %s: the hub answered %d for %s; retrying", code, status, declarationId);
            }
        } catch (Exception e) {
            LOG.debugf(e, "Sandbox department %s could not answer %s yet", code, declarationId);
        }
    }
}
