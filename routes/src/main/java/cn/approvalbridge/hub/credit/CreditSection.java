package cn.approvalbridge.hub.credit;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.prereview.DeclarationFields;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.ChinaTime;

/** "creditCheck" in every declaration's view: the latest check of its unit, PENDING until the credit system answers. */
@ApplicationScoped
public class CreditSection implements DeclarationFields {

    @Inject
    CreditChecks checks;

    @Override
    public Map<String, Object> fields(Declarations.Row row) {
        Map<String, Object> v = new LinkedHashMap<>();
        checks.latest(row.declarationId()).ifPresentOrElse(k -> {
            v.put("status", k.status().name());
            v.put("purpose", k.purpose());
            v.put("source", k.source());
            v.put("checkedAt", ChinaTime.text(k.checkedAt()));
            v.put("recordId", k.recordId());
        }, () -> {
            // intake has not reached the credit route yet
            v.put("status", CreditChecks.Status.PENDING.name());
            v.put("purpose", CreditChecks.INTAKE);
            v.put("source", null);
            v.put("checkedAt", null);
            v.put("recordId", null);
        });
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("creditCheck", v);
        return field;
    }
}
