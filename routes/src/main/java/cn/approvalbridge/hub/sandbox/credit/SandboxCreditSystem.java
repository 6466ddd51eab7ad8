package cn.approvalbridge.hub.sandbox.credit;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.approvalbridge.hub.sandbox.engine.Message;
import cn.approvalbridge.hub.sandbox.engine.SimulatorEngine;

/**
 * The sandbox credit information system: the test credit codes listed in hub.sandbox.credit.warning-codes and
 * .serious-codes answer WARNING and SERIOUS_DISHONESTY with a record id, every other code CLEAN; UP or DOWN (503). It
 * records each request once, counting repeats, and takes reports of untrue commitments (kind DISHONEST_COMMITMENT).
 */
@ApplicationScoped
public class SandboxCreditSystem {

    static final String SIMULATOR = "credit";
    private static final String SYSTEM = "CREDIT";

    @Inject
    SimulatorEngine engine;

    @ConfigProperty(name = "hub.sandbox.credit.warning-codes")
    Set<String> warning;

    @ConfigProperty(name = "hub.sandbox.credit.serious-codes")
    Set<String> serious;

    private volatile boolean down;

    public boolean down() {
        return down;
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    public Map<String, Object> check(String creditCode, String requestId, String body) {
        engine.receive(Message.arrived(SIMULATOR, SYSTEM, "CHECK", creditCode, requestId, body));
        if (serious.contains(creditCode)) {
            return Map.of("creditCode", creditCode, "status", "SERIOUS_DISHONESTY", "recordId", "SX-" + creditCode.substring(10),
                    "source", "sandbox-credit");
        }
        if (warning.contains(creditCode)) {
            return Map.of("creditCode", creditCode, "status", "WARNING", "recordId", "JS-" + creditCode.substring(10),
                    "source", "sandbox-credit");
        }
        return Map.of("creditCode", creditCode, "status", "CLEAN", "source", "sandbox-credit");
    }

    public void report(String creditCode, String reportId, String body) {
        engine.receive(Message.arrived(SIMULATOR, SYSTEM, "REPORT", creditCode, reportId, body));
    }

    /** The reports of untrue commitments received about {@code creditCode} (all when null). */
    public List<Map<String, Object>> reports(String creditCode) {
        return engine.received(SIMULATOR, SYSTEM, "REPORT", creditCode).stream()
                .map(m -> Map.<String, Object>of("creditCode", m.subject(), "reportId", m.key(), "body", m.body(),
                        "timesReceived", m.timesReceived()))
                .toList();
    }

    /** The requests received about {@code creditCode} (all when null). */
    public List<Map<String, Object>> received(String creditCode) {
        return engine.received(SIMULATOR, SYSTEM, "CHECK", creditCode).stream()
                .map(m -> Map.<String, Object>of("creditCode", m.subject(), "requestId", m.key(), "body", m.body(),
                        "timesReceived", m.timesReceived()))
                .toList();
    }
}
