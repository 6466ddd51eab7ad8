package cn.approvalbridge.hub.projectview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Masking;

/** A project's trail as the API shows it: payloads masked for every system but the window. */
@ApplicationScoped
public class TrailView {


    public Map<String, Object> trail(String projectCode, String declarationId, List<Trail.Entry> entries, boolean unmasked,
            Boolean valid) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("projectCode", projectCode);
        v.put("declarationId", declarationId);
        if (valid != null) {
            v.put("valid", valid);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Trail.Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.seq());
            m.put("recordedAt", ChinaTime.text(e.recordedAt()));
            m.put("direction", e.direction());
            m.put("partner", e.partner());
            m.put("kind", e.kind());
            m.put("payloadSha256", e.payloadSha256());
            m.put("prevSha256", e.prevSha256());
            m.put("entrySha256", e.entrySha256());
            m.put("payload", unmasked ? e.payload() : Masking.maskText(e.payload()));
            if (e.purgedAt() != null) {
                m.put("purgedAt", ChinaTime.text(e.purgedAt()));
            }
            list.add(m);
        }
        v.put("entries", list);
        return v;
    }
}
