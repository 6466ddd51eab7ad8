package cn.approvalbridge.hub.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.cluster.LocalCluster.Replica;

/** What the partners and the unit observed of one project, asked of a replica (the sandbox's tables are shared). */
final class Checks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Checks() {
    }

    /** Adds to {@code missing} what has not arrived yet: the SMS, the platform's registration and results, the staging rows. */
    static void allArrived(Replica r, Window.Unit u, Set<String> items, List<String> missing) throws Exception {
        Map<String, Integer> sms = sms(r, u.mobile);
        if (sms.getOrDefault("MATERIALS_ACCEPTED", 0) < items.size() || sms.getOrDefault("RESULTS_READY", 0) < 1) {
            missing.add(u.code + " SMS " + sms);
        }
        if (platform(r, u.code).size() < items.size() || registrations(r, u.code).isEmpty()) {
            missing.add(u.code + " platform " + platform(r, u.code).keySet());
        }
        Map<String, List<JsonNode>> s = staging(r, u.code);
        if (s.get("SPGL_XMSPSXBLXXXXB").size() < 3 * items.size() || s.get("SPGL_XMSPSXPFWJXXB").size() < items.size()
                || !s.values().stream().flatMap(List::stream).allMatch(x -> "1".equals(x.path("SJSCZT").asText()))) {
            missing.add(u.code + " staging rows not all written and uploaded");
        }
    }

    /**
     * Everything the project's partners and unit observed happened once; answers how many platform results arrived
     * more than once (delivered at least once to a platform that keeps one row per xmdm + spsxbm).
     */
    static int once(Replica r, Window.Unit u, Set<String> items) throws Exception {
        Map<String, Integer> sms = sms(r, u.mobile);
        for (var e : Map.of("CODE_ASSIGNED", 1, "ITEM_LIST_READY", 1, "MATERIALS_ACCEPTED", items.size(), "RESULTS_READY", 1)
                .entrySet()) {
            assertEquals(e.getValue(), sms.getOrDefault(e.getKey(), 0), u.code + " SMS " + e.getKey() + ": " + sms);
        }

        JsonNode p = JSON.readTree(r.get("/api/v1/projects/" + u.code, "window").body()).path("approval");
        assertEquals("COMPLETED", p.path("step").asText(), u.code);
        Map<String, String> documents = new HashMap<>();
        for (JsonNode i : p.path("items")) {
            assertEquals("APPROVED", i.path("decision").asText(), u.code + " " + i);
            documents.put(i.path("itemCode").asText(), i.path("documentNumber").asText());
        }
        assertEquals(items, documents.keySet(), u.code + " items");

        List<JsonNode> registered = registrations(r, u.code);
        assertEquals(1, registered.size(), u.code + " registered at the platform: " + registered);
        Map<String, JsonNode> results = platform(r, u.code);
        assertEquals(items, results.keySet(), u.code + " results at the platform");
        int repeated = 0;
        for (var e : results.entrySet()) {
            assertEquals(documents.get(e.getKey()), JSON.readTree(e.getValue().path("body").asText()).path("pfwh").asText(),
                    u.code + " " + e.getKey() + " at the platform");
            repeated += e.getValue().path("timesReceived").asInt() > 1 ? 1 : 0;
        }

        Map<String, List<JsonNode>> s = staging(r, u.code);
        assertEquals(1, s.get("SPGL_XMJBXXB").size(), u.code + " SPGL_XMJBXXB");
        assertEquals(1, s.get("SPGL_XMDWXXB").size(), u.code + " SPGL_XMDWXXB");
        keys(s.get("SPGL_XMSPSXBLXXB"), "SPSXBM", items.size(), u.code);
        keys(s.get("SPGL_XMSPSXPFWJXXB"), "DFSJZJ", items.size(), u.code);
        keys(s.get("SPGL_XMSPSXBLXXXXB"), "DFSJZJ", 3 * items.size(), u.code);

        JsonNode trail = JSON.readTree(r.get("/api/v1/projects/" + u.code + "/trail?verify=true", "window").body());
        assertTrue(trail.path("valid").asBoolean(), u.code + " trail does not verify");
        Map<String, Integer> kinds = new TreeMap<>();
        for (JsonNode e : trail.path("entries")) {
            if (!"OUT".equals(e.path("direction").asText())) {
                kinds.merge(e.path("kind").asText(), 1, Integer::sum);
            }
        }
        for (var k : Map.of("ITEM_LIST", items.size(), "ITEM_LIST_READY", 1, "MATERIALS", 1, "MATERIAL_REVIEW",
                items.size(), "APPROVAL_RESULT", items.size(), "RESULTS_READY", 1).entrySet()) {
            assertEquals(k.getValue(), kinds.getOrDefault(k.getKey(), 0), u.code + " trail " + k.getKey() + ": " + kinds);
        }
        return repeated;
    }

    private static void keys(List<JsonNode> rows, String column, int count, String code) {
        Set<String> keys = new TreeSet<>();
        for (JsonNode x : rows) {
            assertTrue(keys.add(x.path(column).asText()), code + " staging row twice: " + x);
        }
        assertEquals(count, rows.size(), code + " staging rows: " + rows);
    }

    static Map<String, Integer> sms(Replica r, String mobile) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode m : JSON.readTree(r.get("/sandbox/sms?mobile=" + mobile, null).body())) {
            counts.merge(m.path("event").asText(), 1, Integer::sum);
        }
        return counts;
    }

    private static List<JsonNode> registrations(Replica r, String code) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.get("/sandbox/investment-platform/projects?xmdm=" + code, null).body()).forEach(out::add);
        return out;
    }

    private static Map<String, JsonNode> platform(Replica r, String code) throws Exception {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode x : JSON.readTree(r.get("/sandbox/approval/investment-platform/results?xmdm=" + code, null).body())) {
            assertTrue(out.put(x.path("spsxbm").asText(), x) == null, code + " platform row twice: " + x);
        }
        return out;
    }

    private static Map<String, List<JsonNode>> staging(Replica r, String code) throws Exception {
        JsonNode n = JSON.readTree(r.get("/sandbox/approval/staging?xmdm=" + code, null).body());
        Map<String, List<JsonNode>> out = new HashMap<>();
        n.properties().forEach(e -> {
            List<JsonNode> rows = new ArrayList<>();
            e.getValue().forEach(rows::add);
            out.put(e.getKey(), rows);
        });
        return out;
    }
}
