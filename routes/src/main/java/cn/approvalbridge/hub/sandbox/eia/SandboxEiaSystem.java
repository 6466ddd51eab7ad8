package cn.approvalbridge.hub.sandbox.eia;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.sandbox.engine.Message;
import cn.approvalbridge.hub.sandbox.engine.SimulatorEngine;

/**
 * The sandbox EIA system's results: each one it decides is published (kept once by resultId, with its publishedAt) and
 * answered to the hub's poll, {@code GET /sandbox/eia/results?since=&limit=} (every result published at or after
 * since, oldest first); the polls it received are kept, with the since each asked from. UP, or DOWN (the poll 503).
 */
@ApplicationScoped
public class SandboxEiaSystem {

    static final String SIMULATOR = "eia";
    private static final String SYSTEM = "EIA";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    SimulatorEngine engine;
    @Inject
    ObjectMapper json;

    private volatile boolean down;

    public boolean down() {
        return down;
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    /** The result the sandbox EIA system decides for a request, with its defaults (an approval of the project). */
    static Map<String, Object> result(JsonNode r, String code) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("resultId", r.path("resultId").asText("HP-" + code));
        result.put("projectCode", code);
        result.put("conclusion", r.path("conclusion").asText("批准"));
        result.put("approvalNumber", r.path("approvalNumber").asText("临环审〔2026〕" + Math.abs(code.hashCode() % 1000) + "号"));
        result.put("approvalDate", r.path("approvalDate").asText("2026-03-10"));
        result.put("opinion", r.path("opinion").asText("同意该项目环境影响报告表"));
        return result;
    }

    /** Publishes the result for the poll (once by resultId: a result published again keeps its first publishedAt). */
    public Map<String, Object> publish(Map<String, Object> result) throws Exception {
        Map<String, Object> published = new LinkedHashMap<>(result);
        published.put("publishedAt", engine.now().truncatedTo(ChronoUnit.MILLIS).toString());
        String id = String.valueOf(result.get("resultId"));
        engine.receive(Message.arrived(SIMULATOR, SYSTEM, "PUBLISHED", String.valueOf(result.get("projectCode")), id,
                json.writeValueAsString(published)));
        return published().stream().filter(p -> id.equals(p.get("resultId"))).findFirst().orElse(published);
    }

    /** Every published result, oldest first. */
    public List<Map<String, Object>> published() {
        return engine.received(SIMULATOR, SYSTEM, "PUBLISHED", null).stream().map(m -> read(m.body()))
                .sorted(Comparator.comparing(p -> OffsetDateTime.parse((String) p.get("publishedAt")))).toList();
    }

    /** The poll's answer: the results published at or after {@code since}, oldest first, at most {@code limit}. */
    public List<Map<String, Object>> since(OffsetDateTime since, int limit) {
        engine.receive(Message.arrived(SIMULATOR, SYSTEM, "POLL", "hub", since.toInstant().toString(), "{}"));
        return published().stream().filter(p -> !OffsetDateTime.parse((String) p.get("publishedAt")).isBefore(since))
                .limit(limit).toList();
    }

    /** The polls received: since (as an instant) and how often it was asked, oldest first. */
    public List<Map<String, Object>> polls() {
        return engine.received(SIMULATOR, SYSTEM, "POLL", "hub").stream()
                .map(m -> Map.<String, Object>of("since", m.key(), "timesReceived", m.timesReceived())).toList();
    }

    private Map<String, Object> read(String body) {
        try {
            return json.readValue(body, MAP);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
