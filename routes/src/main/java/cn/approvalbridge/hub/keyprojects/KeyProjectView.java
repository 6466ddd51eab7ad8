package cn.approvalbridge.hub.keyprojects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.prereview.DeclarationFields;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.ChinaTime;

/** "keyProjectRows" in a key project's view: each month's 一项目一表 row fixed for the platform, progress missing or not. */
@ApplicationScoped
public class KeyProjectView implements DeclarationFields {

    @Inject
    KeyProjects projects;

    @Override
    public Map<String, Object> fields(Declarations.Row row) {
        if (row.keyProject() == null || row.projectCode() == null) {
            return Map.of();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object[] r : projects.rows(row.projectCode())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("month", r[0]);
            m.put("progressMissing", r[1]);
            m.put("fixedAt", ChinaTime.text((java.time.OffsetDateTime) r[2]));
            rows.add(m);
        }
        return Map.of("keyProjectRows", rows);
    }
}
