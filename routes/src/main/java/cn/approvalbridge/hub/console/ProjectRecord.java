package cn.approvalbridge.hub.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.projectview.ZhFormat;
import cn.approvalbridge.support.Masking;
import cn.approvalbridge.support.Mobile;
import io.quarkus.qute.TemplateData;

/**
 * What a project's trail tells the window beyond its state: every entry (payloads as the API shows them: unmasked for
 * the window, masked for operators), the documents handed in with the materials, and the SMS the unit was sent (always
 * masked: the page is for looking, not for copying numbers).
 */
@ApplicationScoped
public class ProjectRecord {

    @TemplateData
    public record Line(int seq, String at, String direction, String partner, String kind, String payload, String sha,
            boolean purged) {
    }

    @TemplateData
    public record Sms(String at, String event, String mobile, String text, String outcome) {
    }

    @TemplateData
    public record Document(String name, String url, boolean link, String itemCode) {
    }

    private static final Map<String, String> EVENTS = Map.ofEntries(Map.entry("CODE_ASSIGNED", "赋码成功"),
            Map.entry("PRE_REVIEW_REJECTED", "预审未通过"), Map.entry("ITEM_LIST_READY", "一次性告知"),
            Map.entry("MATERIALS_ACCEPTED", "材料受理"), Map.entry("MATERIALS_RETURNED", "材料退回补正"),
            Map.entry("RESULTS_READY", "办结领取"), Map.entry("UTILITY_STATUS_CHANGED", "报装进度"),
            Map.entry("DEADLINE_WARNING", "期限预警"), Map.entry("OVERDUE_ESCALATION", "超期督办"));

    @Inject
    ObjectMapper json;

    public List<Line> lines(List<Trail.Entry> entries, boolean unmasked) {
        return entries.stream().map(e -> new Line(e.seq(), ZhFormat.time(e.recordedAt()), direction(e.direction()),
                e.partner(), e.kind(), unmasked ? e.payload() : Masking.maskText(e.payload()),
                e.entrySha256().substring(0, 12), e.purgedAt() != null)).toList();
    }

    /** Each notification the hub sent for the project, with the text the function answered it would send. */
    public List<Sms> sms(List<Trail.Entry> entries) {
        List<Sms> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Trail.Entry e = entries.get(i);
            if (!"OUT".equals(e.direction()) || !e.kind().startsWith("NOTIFY_") || e.kind().equals("NOTIFY_REPLY")) {
                continue;
            }
            String event = e.kind().substring("NOTIFY_".length());
            JsonNode call = read(e.payload());
            JsonNode reply = null;
            for (int j = i + 1; j < entries.size() && reply == null; j++) {
                if (entries.get(j).kind().equals("NOTIFY_REPLY")) {
                    reply = read(entries.get(j).payload());
                }
            }
            String mobile = call.path("mobile").asText(null);
            out.add(new Sms(ZhFormat.time(e.recordedAt()), EVENTS.getOrDefault(event, event),
                    mobile == null ? "—" : Mobile.mask(mobile),
                    reply == null ? "—" : Masking.maskText(reply.path("text").asText("—")),
                    reply == null ? "—" : outcome(reply.path("outcome").asText(""))));
        }
        return out;
    }

    /** The documents of every materials submission, by item ("" for those that concern every item). */
    public Map<String, List<Document>> documents(List<Trail.Entry> entries) {
        Map<String, List<Document>> out = new LinkedHashMap<>();
        for (Trail.Entry e : entries) {
            if (!"MATERIALS".equals(e.kind()) || !"IN".equals(e.direction())) {
                continue;
            }
            for (JsonNode d : read(e.payload()).path("documents")) {
                String url = d.path("url").asText("");
                String item = d.path("itemCode").asText("");
                out.computeIfAbsent(item, k -> new ArrayList<>()).add(new Document(d.path("name").asText("未命名"), url,
                        url.startsWith("https://") || url.startsWith("http://"), item));
            }
        }
        return out;
    }

    private JsonNode read(String payload) {
        try {
            return payload == null ? json.createObjectNode() : json.readTree(payload);
        } catch (java.io.IOException | RuntimeException e) {
            // a payload that is not JSON (or was purged) has nothing to show here
            return json.createObjectNode();
        }
    }

    private static String direction(String d) {
        return switch (d) {
            case "IN" -> "收";
            case "OUT" -> "发";
            default -> "枢纽";
        };
    }

    private static String outcome(String o) {
        return switch (o) {
            case "SENT" -> "已发送";
            case "DEFERRED" -> "暂缓，稍后发送";
            case "FAILED" -> "发送失败";
            case "REJECTED" -> "被拒绝";
            case "DUPLICATE" -> "重复（未再发送）";
            default -> o.isEmpty() ? "—" : o;
        };
    }
}
