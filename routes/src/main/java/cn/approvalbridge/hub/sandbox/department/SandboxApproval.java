package cn.approvalbridge.hub.sandbox.department;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.sandbox.Sandbox;
import cn.approvalbridge.hub.sandbox.engine.HubClient;
import cn.approvalbridge.hub.sandbox.engine.Message;
import cn.approvalbridge.hub.sandbox.engine.SimulatorEngine;
import cn.approvalbridge.hub.sandbox.engine.Work;
import cn.approvalbridge.hub.platform.store.Leases;
import io.quarkus.scheduler.Scheduled;

/**
 * The sandbox departments on steps 4-7. They record every message the hub sends them, and when walking
 * (hub.sandbox.departments.walk) list one item each (&lt;DEPT&gt;-01; ZJ's construction permit needs ZRZY-01), accept
 * the materials and approve, through the hub's API with their own identities, walk-delay-ms after each message. Items
 * listed in hub.sandbox.project-approval-system.items are decided by the sandbox project approval system instead.
 */
@ApplicationScoped
public class SandboxApproval {

    static final String SIMULATOR = "department-approval";

    private static final Logger LOG = Logger.getLogger(SandboxApproval.class);
    private static final Map<String, String[]> ITEMS = Map.of(
            "FGW", new String[] { "企业投资项目备案", "立项用地规划许可", "" },
            "ZRZY", new String[] { "建设用地规划许可证核发", "立项用地规划许可", "" },
            "STHJ", new String[] { "建设项目环境影响评价审批", "工程建设许可", "" },
            "ZJ", new String[] { "建筑工程施工许可证核发", "施工许可", "ZRZY-01" });

    @Inject
    SimulatorEngine engine;
    @Inject
    HubClient hub;
    @Inject
    ObjectMapper json;
    @Inject
    Sandbox sandbox;
    @Inject
    Leases leases;

    @ConfigProperty(name = "hub.sandbox.departments.walk")
    volatile boolean walk;
    @ConfigProperty(name = "hub.sandbox.departments.walk-delay-ms")
    long delayMs;
    @ConfigProperty(name = "hub.sandbox.departments.password")
    String password;
    @ConfigProperty(name = "hub.sandbox.project-approval-system.items")
    List<String> ggxtItems;

    public void setWalk(boolean on) {
        walk = on;
    }

    public boolean walking() {
        return walk;
    }

    /** Whether the sandbox project approval system, not a department, decides this item. */
    public boolean decidedByProjectApprovalSystem(String itemCode) {
        return ggxtItems.contains(itemCode);
    }

    /** A steps 4-7 message from the hub to a sandbox department: recorded (counting repeats), then acted on if walking. */
    public void received(String dept, JsonNode m) {
        String kind = m.path("kind").asText();
        String code = m.path("projectCode").asText();
        engine.receive(Message.arrived(SIMULATOR, dept, kind, code, m.path("messageId").asText(), m.toString()));
        if (!walk) {
            return;
        }
        if ("ITEM_LIST_REQUEST".equals(kind)) {
            engine.schedule(work(dept, code, "ITEM_LIST", "-"));
        } else if ("MATERIALS".equals(kind)) {
            m.path("itemCodes").forEach(i -> engine.schedule(work(dept, code, "REVIEW", i.asText())));
        }
    }

    private Work work(String dept, String code, String action, String item) {
        return new Work(SIMULATOR, String.join("/", dept, code, action, item), dept, code, action, item,
                engine.inMillis(delayMs));
    }

    @Scheduled(every = "{hub.sandbox.departments.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "3s")
    void act() {
        if (!sandbox.enabled() || !walk || !leases.hold("sandbox-" + SIMULATOR)) {
            return;
        }
        for (Work w : engine.due(SIMULATOR, 100)) {
            try {
                act(w);
            } catch (Exception e) {
                LOG.debugf(e, "Sandbox department %s: %s of %s not done yet", w.partner(), w.action(), w.subject());
            }
        }
    }

    private void act(Work w) throws Exception {
        String dept = w.partner();
        String item = w.payload();
        Map<String, Object> body = new LinkedHashMap<>();
        String path;
        switch (w.action()) {
            case "ITEM_LIST" -> {
                String[] it = ITEMS.getOrDefault(dept, new String[] { dept + "审批事项", "工程建设许可", "" });
                body.put("items", List.of(Map.of("itemCode", dept + "-01", "itemName", it[0], "timeLimitDays", 5,
                        "stage", it[1], "prerequisites", it[2].isEmpty() ? List.of() : List.of(it[2]))));
                path = "item-lists";
            }
            case "REVIEW" -> {
                body.put("itemCode", item);
                body.put("decision", "ACCEPTED");
                path = "material-reviews";
            }
            default -> {
                body.put("itemCode", item);
                body.put("decision", "APPROVED");
                body.put("documentNumber", "尧沙" + dept + "〔2026〕" + Math.abs(w.subject().hashCode() % 1000) + "号");
                body.put("documentDate", engine.now().toLocalDate().toString());
                body.put("opinion", "同意（沙箱）");
                path = "approval-results";
            }
        }
        HttpResponse<String> res = hub.post("dept-" + dept, password, "/api/v1/projects/" + w.subject() + "/" + path, body);
        if (res.statusCode() >= 500 || res.body().contains("prerequisite_pending")) {
            engine.retryAt(w, engine.inMillis(delayMs));
            return;
        }
        boolean decideNext = "REVIEW".equals(w.action()) && res.statusCode() / 100 == 2
                && !decidedByProjectApprovalSystem(item);
        engine.done(w, decideNext ? List.of(work(dept, w.subject(), "DECIDE", item)) : List.of());
    }

    /** What a sandbox department received for a project, oldest first, each message once with its repeat count. */
    public List<Map<String, Object>> messages(String dept, String projectCode) {
        return engine.received(SIMULATOR, dept, null, projectCode).stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("messageId", r.key());
            m.put("kind", r.kind());
            m.put("message", tree(r.body()));
            m.put("receivedAt", r.receivedAt().toString());
            m.put("timesReceived", r.timesReceived());
            return m;
        }).toList();
    }

    private JsonNode tree(String body) {
        try {
            return json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a sandbox department message that is not JSON", e);
        }
    }
}
