package cn.approvalbridge.hub.sandbox.investmentplatform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.sandbox.engine.Message;
import cn.approvalbridge.hub.sandbox.engine.SimulatorEngine;

/**
 * The sandbox investment platform: it records each project registered with it (by xmdm) and each approval result
 * shared with it (by xmdm and spsxbm) once, counting repeats, so a newcomer and the tests see what the platform got.
 */
@ApplicationScoped
public class SandboxInvestmentPlatform {

    static final String SIMULATOR = "investment-platform";
    private static final String PLATFORM = "PLATFORM";

    @Inject
    SimulatorEngine engine;

    @Inject
    ObjectMapper json;

    public void registered(String xmdm, String body) {
        engine.receive(Message.arrived(SIMULATOR, PLATFORM, "PROJECT", xmdm, xmdm, body));
    }

    /** The projects registered, the latest first; all of them when {@code xmdm} is null. */
    public List<Map<String, Object>> projects(String xmdm) {
        List<Message> received = new ArrayList<>(engine.received(SIMULATOR, PLATFORM, "PROJECT", xmdm));
        received.sort(Comparator.comparing(Message::receivedAt).reversed());
        return received.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("xmdm", r.subject());
            try {
                m.put("project", json.readTree(r.body()));
            } catch (JsonProcessingException e) {
                m.put("project", r.body());
            }
            m.put("receivedAt", r.receivedAt().toString());
            m.put("timesReceived", r.timesReceived());
            return m;
        }).toList();
    }

    public void resultShared(String xmdm, String spsxbm, String body) {
        engine.receive(Message.arrived(SIMULATOR, PLATFORM, "RESULT", xmdm, spsxbm, body));
    }

    /** The approval results of a project, by item code (none without a project code). */
    public List<Map<String, Object>> results(String xmdm) {
        if (xmdm == null) {
            return List.of();
        }
        return engine.received(SIMULATOR, PLATFORM, "RESULT", xmdm).stream()
                .sorted(Comparator.comparing(Message::key))
                .map(r -> Map.<String, Object>of("spsxbm", r.key(), "body", r.body(), "timesReceived", r.timesReceived()))
                .toList();
    }
}
