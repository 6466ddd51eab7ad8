package cn.approvalbridge.hub.sandbox.supervision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.sandbox.engine.Message;
import cn.approvalbridge.hub.sandbox.engine.SimulatorEngine;

/**
 * The sandbox 13710 supervision system: it records each case (by caseId), each update of a case (by seq) and each
 * monthly report (by messageId) once, counting repeats, so a newcomer and the tests see what the system got. Rule UP
 * or DOWN (answers 503), hub.sandbox.supervision.rule, changeable through PUT /sandbox/supervision/rule.
 */
@ApplicationScoped
public class SandboxSupervisionSystem {

    static final String SIMULATOR = "supervision";
    private static final String SYSTEM = "13710";

    public enum Rule {
        UP, DOWN
    }

    @Inject
    SimulatorEngine engine;
    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "hub.sandbox.supervision.rule")
    Rule configured;

    private volatile Rule rule;
    private volatile int refused;

    public Rule rule() {
        return rule != null ? rule : configured;
    }

    public void setRule(Rule r) {
        rule = r;
    }

    /** A request turned away while DOWN (the hub's retries, as the system saw them). */
    public void refused() {
        refused++;
    }

    public int refusedCount() {
        return refused;
    }

    public void caseReceived(String caseId, String declarationId, String body) {
        engine.receive(Message.arrived(SIMULATOR, SYSTEM, "CASE", declarationId, caseId, body));
    }

    public boolean knows(String caseId) {
        return findCase(caseId).isPresent();
    }

    public void updateReceived(String caseId, int seq, String body) {
        engine.receive(Message.arrived(SIMULATOR, SYSTEM, "UPDATE", caseId, String.format("%05d", seq), body));
    }

    public void reportReceived(String month, String messageId, String body) {
        engine.receive(Message.arrived(SIMULATOR, SYSTEM, "REPORT", month, messageId, body));
    }

    /** The cases received (of one declaration when {@code declarationId} is not null), each with its updates. */
    public List<Map<String, Object>> cases(String declarationId) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Message m : engine.received(SIMULATOR, SYSTEM, "CASE", declarationId)) {
            Map<String, Object> v = new LinkedHashMap<>(asMap(m.body()));
            v.put("caseId", m.key());
            v.put("declarationId", m.subject());
            v.put("receivedAt", m.receivedAt().toString());
            v.put("timesReceived", m.timesReceived());
            List<Map<String, Object>> updates = new ArrayList<>();
            for (Message u : engine.received(SIMULATOR, SYSTEM, "UPDATE", m.key())) {
                Map<String, Object> x = new LinkedHashMap<>(asMap(u.body()));
                x.put("receivedAt", u.receivedAt().toString());
                x.put("timesReceived", u.timesReceived());
                updates.add(x);
            }
            updates.sort((a, b) -> Integer.compare(((Number) a.get("seq")).intValue(), ((Number) b.get("seq")).intValue()));
            v.put("updates", updates);
            v.put("status", updates.stream().anyMatch(x -> "CLOSED".equals(x.get("type"))) ? "CLOSED" : "OPEN");
            out.add(v);
        }
        return out;
    }

    public List<Map<String, Object>> reports(String month) {
        return engine.received(SIMULATOR, SYSTEM, "REPORT", month).stream().map(m -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("month", m.subject());
            v.put("messageId", m.key());
            v.put("report", asMap(m.body()));
            v.put("receivedAt", m.receivedAt().toString());
            v.put("timesReceived", m.timesReceived());
            return v;
        }).toList();
    }

    private Optional<Message> findCase(String caseId) {
        return engine.received(SIMULATOR, SYSTEM, "CASE", null).stream().filter(m -> m.key().equals(caseId)).findFirst();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(String body) {
        try {
            return json.readValue(body, Map.class);
        } catch (JsonProcessingException e) {
            return Map.of("body", body);
        }
    }
}
