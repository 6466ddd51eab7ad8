package cn.approvalbridge.hub.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.camel.PartnerUrls;
import cn.approvalbridge.hub.partners.projectapproval.StagingDb;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.support.ChinaTime;
import io.quarkus.scheduler.Scheduled;

/**
 * Steps 4-7 in the sandbox. The sandbox departments, when walking (hub.sandbox.departments.walk), list one item each
 * (&lt;DEPT&gt;-01; ZJ's construction permit needs ZRZY-01), accept the materials and approve, through the hub's API
 * with their own identities, walk-delay-ms after each message. The sandbox project approval system (工改) decides the
 * items in hub.sandbox.project-approval-system.items by writing SPGL_XMSPSXPFWJXXB rows (SJLY=GGXT), and "uploads" the
 * hub's rows (SJSCZT 0 → 1, or 2 with SBYY when a required field is missing).
 */
@ApplicationScoped
public class SandboxApproval {

    private static final Logger LOG = Logger.getLogger(SandboxApproval.class);
    private static final Map<String, String[]> ITEMS = Map.of(
            "FGW", new String[] { "企业投资项目备案", "立项用地规划许可", "" },
            "ZRZY", new String[] { "建设用地规划许可证核发", "立项用地规划许可", "" },
            "STHJ", new String[] { "建设项目环境影响评价审批", "工程建设许可", "" },
            "ZJ", new String[] { "建筑工程施工许可证核发", "施工许可", "ZRZY-01" });

    @Inject
    Db db;
    @Inject
    StagingDb staging;
    @Inject
    Clock clock;
    @Inject
    PartnerUrls urls;
    @Inject
    ObjectMapper json;
    @Inject
    Sandbox sandbox;

    @ConfigProperty(name = "hub.sandbox.departments.walk")
    volatile boolean walk;
    @ConfigProperty(name = "hub.sandbox.departments.walk-delay-ms")
    long delayMs;
    @ConfigProperty(name = "hub.sandbox.departments.password")
    String password;
    @ConfigProperty(name = "hub.sandbox.project-approval-system.items")
    List<String> ggxtItems;

    // the sandbox calls its own hub: 2 s to connect, 10 s to answer
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public void setWalk(boolean on) {
        walk = on;
    }

    public boolean walking() {
        return walk;
    }

    /** A steps 4-7 message from the hub to a sandbox department: recorded (counting repeats), then acted on if walking. */
    public void received(String dept, JsonNode m) {
        String messageId = m.path("messageId").asText();
        String body = m.toString();
        OffsetDateTime at = now();
        db.inTransaction(c -> {
            if (Db.update(c, "UPDATE hub_sandbox_department_message SET times_received = times_received + 1 "
                    + "WHERE department_code = ? AND message_id = ?", dept, messageId) == 0) {
                Db.update(c, "INSERT INTO hub_sandbox_department_message (department_code, message_id, kind, project_code, "
                        + "body, received_at, times_received) VALUES (?, ?, ?, ?, ?, ?, 1)", dept, messageId,
                        m.path("kind").asText(), m.path("projectCode").asText(), body, at);
            }
            return null;
        });
        if (!walk) {
            return;
        }
        String kind = m.path("kind").asText();
        String code = m.path("projectCode").asText();
        if ("ITEM_LIST_REQUEST".equals(kind)) {
            pending(dept, code, "ITEM_LIST", "-");
        } else if ("MATERIALS".equals(kind)) {
            m.path("itemCodes").forEach(i -> pending(dept, code, "REVIEW", i.asText()));
        }
    }

    private void pending(String dept, String code, String action, String item) {
        try {
            db.inTransaction(c -> Db.update(c, "INSERT INTO hub_sandbox_pending_action (department_code, project_code, "
                    + "action, item_code, act_after) VALUES (?, ?, ?, ?, ?)", dept, code, action, item, now().plusNanos(delayMs * 1_000_000)));
        } catch (Db.StoreException e) {
            if (!(e.getCause() instanceof SQLException sql && Db.isDuplicateKey(sql))) {
                throw e;
            }
        }
    }

    @Scheduled(every = "{hub.sandbox.departments.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "3s")
    void act() {
        if (!sandbox.enabled() || !walk) {
            return;
        }
        List<String[]> due = db.read(c -> Db.list(c, "SELECT department_code, project_code, action, item_code FROM "
                + "hub_sandbox_pending_action WHERE done_at IS NULL AND act_after <= ? ORDER BY act_after",
                rs -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) }, now()));
        for (String[] a : due.stream().limit(100).toList()) {
            try {
                act(a[0], a[1], a[2], a[3]);
            } catch (Exception e) {
                LOG.debugf(e, "Sandbox department %s: %s of %s not done yet", a[0], a[2], a[1]);
            }
        }
    }

    private void act(String dept, String code, String action, String item) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        String path;
        switch (action) {
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
                body.put("documentNumber", "尧沙" + dept + "〔2026〕" + Math.abs(code.hashCode() % 1000) + "号");
                body.put("documentDate", now().toLocalDate().toString());
                body.put("opinion", "同意（沙箱）");
                path = "approval-results";
            }
        }
        String auth = Base64.getEncoder().encodeToString(("dept-" + dept + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create(urls.base() + "/api/v1/projects/" + code + "/" + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        boolean retry = res.statusCode() >= 500 || res.body().contains("prerequisite_pending");
        if (retry) {
            db.inTransaction(c -> Db.update(c, "UPDATE hub_sandbox_pending_action SET act_after = ? WHERE department_code = ? "
                    + "AND project_code = ? AND action = ? AND item_code = ?", now().plusNanos(delayMs * 1_000_000), dept,
                    code, action, item));
            return;
        }
        boolean decideNext = "REVIEW".equals(action) && res.statusCode() / 100 == 2 && !ggxtItems.contains(item);
        // the review marked done and the decision to come in ONE transaction: were they two, a kill -9 between them
        // would leave a done review and no decision, and the project would never complete
        db.inTransaction(c -> {
            Db.update(c, "UPDATE hub_sandbox_pending_action SET done_at = ? WHERE department_code = ? AND project_code = ? "
                    + "AND action = ? AND item_code = ?", now(), dept, code, action, item);
            if (decideNext) {
                Db.update(c, "INSERT INTO hub_sandbox_pending_action (department_code, project_code, action, item_code, "
                        + "act_after) SELECT ?, ?, 'DECIDE', ?, ? WHERE NOT EXISTS (SELECT 1 FROM hub_sandbox_pending_action "
                        + "WHERE department_code = ? AND project_code = ? AND action = 'DECIDE' AND item_code = ?)", dept, code,
                        item, now().plusNanos(delayMs * 1_000_000), dept, code, item);
            }
            return null;
        });
    }

    /** What a sandbox department received for a project, oldest first, each message once with its repeat count. */
    public List<Map<String, Object>> messages(String dept, String projectCode) {
        return db.read(c -> Db.list(c, "SELECT message_id, kind, body, received_at, times_received FROM "
                + "hub_sandbox_department_message WHERE department_code = ? AND project_code = ? ORDER BY received_at, message_id",
                rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("messageId", rs.getString(1));
                    m.put("kind", rs.getString(2));
                    m.put("message", tree(rs.getString(3)));
                    m.put("receivedAt", Db.time(rs, "received_at").toString());
                    m.put("timesReceived", rs.getInt(5));
                    return m;
                }, dept, projectCode));
    }

    /** The sandbox project approval system: uploads the hub's rows, decides its own items. */
    @Scheduled(every = "{hub.sandbox.project-approval-system.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "3s")
    void projectApprovalSystem() {
        if (!sandbox.enabled() || !walk) {
            return;
        }
        OffsetDateTime now = now();
        staging.inTransaction(c -> {
            for (String t : List.of("SPGL_XMJBXXB", "SPGL_XMDWXXB", "SPGL_XMSPSXBLXXXXB", "SPGL_XMSPSXPFWJXXB")) {
                Db.update(c, "UPDATE " + t + " SET SJSCZT = 1 WHERE SJSCZT = 0 AND SJLY = 'HUB'");
            }
            Db.update(c, "UPDATE SPGL_XMSPSXBLXXB SET SJSCZT = 2, SBYY = 'XZQHDM 行政区划代码为空' WHERE SJSCZT = 0 AND XZQHDM IS NULL");
            Db.update(c, "UPDATE SPGL_XMSPSXBLXXB SET SJSCZT = 1 WHERE SJSCZT = 0");
            List<String[]> toDecide = Db.list(c, "SELECT b.XMDM, b.SPSXBM FROM SPGL_XMSPSXBLXXB b WHERE NOT EXISTS (SELECT 1 "
                    + "FROM SPGL_XMSPSXPFWJXXB w WHERE w.XMDM = b.XMDM AND w.SPSXBM = b.SPSXBM)",
                    rs -> new String[] { rs.getString(1), rs.getString(2) });
            for (String[] r : toDecide) {
                if (ggxtItems.contains(r[1])) {
                    decide(c, r[0], r[1], now);
                }
            }
            return null;
        });
    }

    private JsonNode tree(String body) {
        try {
            return json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a sandbox department message that is not JSON", e);
        }
    }

    /**
     * One 工改 decision row. The item's row may have been written since the SELECT (the hub's writer for a department's
     * decision, or another hub's sandbox on the shared PostgreSQL test database): that duplicate is skipped at a
     * savepoint, because on PostgreSQL a failed statement aborts the whole transaction, this tick's uploads with it.
     */
    private static void decide(Connection c, String xmdm, String spsxbm, OffsetDateTime now) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            Db.update(c, "INSERT INTO SPGL_XMSPSXPFWJXXB (ID, XMDM, SPSXBM, SPJG, PFWH, PFRQ, BLYJ, SJYXBS, SJSCZT, SJLY, "
                    + "CJSJ, HUB_QZZT) VALUES (?, ?, ?, '准予许可', ?, ?, '工改系统审批通过（沙箱）', 1, 1, 'GGXT', ?, 0)",
                    UUID.randomUUID().toString(), xmdm, spsxbm, "尧工改〔2026〕" + Math.abs(xmdm.hashCode() % 1000) + "号",
                    now.toLocalDate(), now);
            c.releaseSavepoint(before);
        } catch (SQLException e) {
            if (!Db.isDuplicateKey(e)) {
                throw e;
            }
            c.rollback(before);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ChinaTime.ZONE));
    }
}
