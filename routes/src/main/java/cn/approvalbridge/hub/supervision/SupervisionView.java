package cn.approvalbridge.hub.supervision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.hub.prereview.DeclarationFields;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;

/**
 * "supervision" in a declaration's (and so a project's) view: its 13710 cases with the chase so far (reminders, the
 * interview, closing) and the supervision system's feedback. Nothing personal is in a case, so every caller sees the
 * same.
 */
@ApplicationScoped
public class SupervisionView implements DeclarationFields {

    @Inject
    Db db;
    @Inject
    SupervisionCases cases;
    @Inject
    SupervisionFeedback feedback;
    @Inject
    Departments departments;
    @Inject
    ObjectMapper json;

    @Override
    public Map<String, Object> fields(Declarations.Row row) {
        return Map.of("supervision", Map.of("cases", cases(row.declarationId())));
    }

    public List<Map<String, Object>> cases(String declarationId) {
        return db.read(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (SupervisionCases.Case k : cases.byDeclaration(c, declarationId)) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("caseId", k.caseId());
                v.put("departmentCode", k.departmentCode());
                v.put("departmentName", departments.isKnown(k.departmentCode()) ? departments.name(k.departmentCode())
                        : k.departmentCode());
                v.put("subject", k.subject());
                v.put("status", k.open() ? "OPEN" : "CLOSED");
                v.put("dueBy", k.dueBy().toString());
                v.put("overdueDaysAtEscalation", k.overdueDays());
                v.put("openedAt", ChinaTime.text(k.openedAt()));
                v.put("reminders", k.reminders());
                if (k.open()) {
                    v.put("nextStepOn", k.nextStepOn().toString());
                }
                v.put("interviewedAt", ChinaTime.text(k.interviewedAt()));
                v.put("closedAt", ChinaTime.text(k.closedAt()));
                List<Object> updates = new ArrayList<>();
                for (SupervisionCases.Update u : cases.updates(c, k.caseId())) {
                    updates.add(parse(u.body()));
                }
                v.put("updates", updates);
                List<Map<String, Object>> fb = new ArrayList<>();
                for (SupervisionFeedback.Feedback f : feedback.byCase(c, k.caseId())) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("feedbackId", f.feedbackId());
                    m.put("instructions", f.instructions());
                    m.put("deadline", f.deadline() == null ? null : f.deadline().toString());
                    m.put("receivedAt", ChinaTime.text(f.receivedAt()));
                    fb.add(m);
                }
                v.put("feedback", fb);
                out.add(v);
            }
            return out;
        });
    }

    private Object parse(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return body;
        }
    }
}
