package cn.approvalbridge.hub.sandbox.department;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import cn.approvalbridge.hub.sandbox.Sandbox;
import cn.approvalbridge.hub.sandbox.engine.HubClient;
import cn.approvalbridge.hub.sandbox.engine.RuledSimulator;
import cn.approvalbridge.hub.sandbox.engine.SimulatorEngine;
import cn.approvalbridge.hub.sandbox.engine.Work;
import cn.approvalbridge.hub.platform.store.Leases;
import io.quarkus.scheduler.Scheduled;

/**
 * Sandbox review departments on pre-review. Each answers by its rule — hub.sandbox.departments.&lt;code&gt;.rule (PASS,
 * REJECT, SILENCE, DELAY with .delay-seconds, DOWN), changeable at run time through PUT /sandbox/departments/{code}/rule
 * — and keeps its pending answers in the database, so they survive a restart. It answers like a real department
 * would: through the hub's inbound API with its own identity (dept-&lt;code&gt;).
 */
@ApplicationScoped
public class SandboxDepartments extends RuledSimulator<String, SandboxDepartments.Behaviour> {

    static final String SIMULATOR = "department-pre-review";

    private static final Logger LOG = Logger.getLogger(SandboxDepartments.class);

    public enum Rule {
        PASS, REJECT, SILENCE, DELAY, DOWN
    }

    public record Behaviour(Rule rule, int delaySeconds) {
    }

    @Inject
    SimulatorEngine engine;
    @Inject
    HubClient hub;
    @Inject
    Sandbox sandbox;
    @Inject
    Config config;
    @Inject
    Leases leases;
    @ConfigProperty(name = "hub.sandbox.departments.default-rule")
    Rule defaultRule;
    @ConfigProperty(name = "hub.sandbox.departments.default-delay-seconds")
    int defaultDelay;
    @ConfigProperty(name = "hub.sandbox.departments.password")
    String password;

    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();

    /** A request this department turned away while DOWN (what the partner saw of the hub's retries). */
    public void refused(String code) {
        refused.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
    }

    public int refusedCount(String code) {
        var n = refused.get(code);
        return n == null ? 0 : n.get();
    }

    @Override
    protected Behaviour configured(String code) {
        String key = "hub.sandbox.departments." + code;
        return new Behaviour(config.getOptionalValue(key + ".rule", Rule.class).orElse(defaultRule),
                config.getOptionalValue(key + ".delay-seconds", Integer.class).orElse(defaultDelay));
    }

    /** A pre-review request arrived: remember the answer to give (once per declaration), unless the rule is SILENCE. */
    public void received(String code, String declarationId) {
        Behaviour b = behaviour(code);
        if (b.rule() == Rule.SILENCE) {
            return;
        }
        boolean reject = b.rule() == Rule.REJECT;
        String opinion = reject ? "沙箱部门" + code + "：项目选址不符合规划（sandbox rule REJECT）" : "同意";
        int delay = b.rule() == Rule.DELAY || b.rule() == Rule.PASS || reject ? b.delaySeconds() : 0;
        engine.schedule(new Work(SIMULATOR, code + "/" + declarationId, code, declarationId, reject ? "REJECT" : "PASS",
                opinion, engine.now().plusSeconds(delay)));
    }

    @Scheduled(every = "{hub.sandbox.departments.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "3s")
    void answerDue() {
        // one replica answers (the lease); an answer given twice all the same is taken once by the hub (200, same opinion)
        if (!sandbox.enabled() || !leases.hold("sandbox-" + SIMULATOR)) {
            return;
        }
        engine.due(SIMULATOR, 200).forEach(this::answer);
    }

    private void answer(Work w) {
        try {
            Map<String, String> body = Map.of("departmentCode", w.partner(), "decision", w.action(), "opinion", w.payload());
            int status = hub.post("dept-" + w.partner(), password,
                    "/api/v1/declarations/" + w.subject() + "/pre-review-opinions", body).statusCode();
            if (HubClient.taken(status)) {
                engine.done(w);
            } else {
                LOG.warnf("Sandbox department %s: the hub answered %d for %s; retrying", w.partner(), status, w.subject());
            }
        } catch (Exception e) {
            LOG.debugf(e, "Sandbox department %s could not answer %s yet", w.partner(), w.subject());
        }
    }
}
