package cn.approvalbridge.hub.prereview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Masking;

/** A declaration as the API shows it, masked for every system but the window that declared it. */
@ApplicationScoped
public class DeclarationView {

    @Inject
    ObjectMapper json;

    @Inject
    Instance<ProjectSection> sections;

    @Inject
    Instance<DeclarationFields> fields;


    public Map<String, Object> declaration(Declarations.Row row, List<Declarations.Review> reviews, boolean unmasked) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("declarationId", row.declarationId());
        v.put("step", step(row.status()));
        v.put("status", row.status().name());
        if (row.projectCode() != null) {
            v.put("projectCode", row.projectCode());
        }
        v.put("projectName", row.projectName());
        v.put("projectClass", row.projectClass());
        v.put("projectList", row.projectList());
        v.put("keyProject", row.keyProject());
        for (DeclarationFields f : fields) {
            v.putAll(f.fields(row));
        }
        v.put("receivedAt", ChinaTime.text(row.receivedAt()));
        v.put("preReviewDueBy", row.preReviewDueBy().toString());
        List<Map<String, Object>> depts = new ArrayList<>();
        for (Declarations.Review r : reviews) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("departmentCode", r.departmentCode());
            d.put("status", r.status());
            d.put("dueBy", r.dueBy().toString());
            d.put("requestedAt", ChinaTime.text(r.requestedAt()));
            d.put("decision", r.decision());
            d.put("opinion", r.opinion());
            d.put("answeredAt", ChinaTime.text(r.answeredAt()));
            d.put("warnedAt", ChinaTime.text(r.warnedAt()));
            d.put("escalatedAt", ChinaTime.text(r.escalatedAt()));
            depts.add(d);
        }
        v.put("departments", depts);
        v.put("codeAssignedAt", ChinaTime.text(row.codeAssignedAt()));
        v.put("platformRegisteredAt", ChinaTime.text(row.platformRegisteredAt()));
        if (row.projectCode() != null) {
            for (ProjectSection s : sections) {
                v.put(s.name(), s.view(row.projectCode()));
            }
        }
        if (row.failure() != null) {
            v.put("failure", row.failure());
        }
        try {
            JsonNode body = json.readTree(row.body());
            v.put("declaration", unmasked ? body : Masking.maskDeclaration(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return v;
    }


    public static String step(Declarations.Status s) {
        return switch (s) {
            case PRE_REVIEW, PRE_REVIEW_REJECTED -> "PRE_REVIEW";
            case CODE_ASSIGNMENT, CODE_ASSIGNED, CODE_ASSIGNMENT_FAILED -> "CODE_ASSIGNMENT";
        };
    }
}
