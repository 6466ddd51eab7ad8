package cn.approvalbridge.hub.commitment;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.approval.ItemListExtension;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.support.JsonInput;

/**
 * Per item, what the catalogue allows beyond an ordinary application: a commitment instead of some materials (告知承诺制,
 * {@code hub.staging.items."<item>".commitment}, the same flag the staging tables carry as SFSXGZCNZ), the working days
 * of its follow-up check ({@code hub.commitment.items."<item>".check-working-days}, else
 * {@code hub.commitment.check-working-days}) and the materials that may be supplied later (容缺,
 * {@code .deferrable-materials}, within {@code .deferral-working-days}). A department's item list may say otherwise for
 * its project (commitmentAllowed, checkWorkingDays, deferrableMaterials [{name, workingDays}] on an item): that wins.
 */
@ApplicationScoped
public class CommitmentTerms implements ItemListExtension {

    public record Deferrable(String name, int workingDays) {
    }

    /** Null fields: the item list said nothing of them. */
    public record Terms(Boolean commitmentAllowed, Integer checkWorkingDays, List<Deferrable> deferrableMaterials) {
    }

    @Inject
    Config config;
    @Inject
    ObjectMapper json;

    /** The item's terms for this project: the department's list over the catalogue. */
    public Terms terms(Connection c, String projectCode, String itemCode) throws SQLException {
        Terms listed = Db.one(c, "SELECT commitment_allowed, check_working_days, deferrable_materials FROM hub_item_terms "
                + "WHERE project_code = ? AND item_code = ?", rs -> new Terms((Boolean) rs.getObject(1, Boolean.class),
                        (Integer) rs.getObject(2, Integer.class), materials(rs.getString(3))), projectCode, itemCode)
                .orElse(new Terms(null, null, null));
        Terms configured = configured(itemCode);
        return new Terms(listed.commitmentAllowed() != null ? listed.commitmentAllowed() : configured.commitmentAllowed(),
                listed.checkWorkingDays() != null ? listed.checkWorkingDays() : configured.checkWorkingDays(),
                listed.deferrableMaterials() != null ? listed.deferrableMaterials() : configured.deferrableMaterials());
    }

    /** The catalogue's terms of the item. */
    public Terms configured(String itemCode) {
        boolean allowed = value("hub.staging.items", itemCode, "commitment", Boolean.class).orElse(false);
        int days = value("hub.commitment.items", itemCode, "check-working-days", Integer.class)
                .orElse(config.getValue("hub.commitment.check-working-days", Integer.class));
        int deferral = value("hub.commitment.items", itemCode, "deferral-working-days", Integer.class)
                .orElse(config.getValue("hub.commitment.deferral-working-days", Integer.class));
        List<Deferrable> deferrable = new ArrayList<>();
        value("hub.commitment.items", itemCode, "deferrable-materials", String.class).ifPresent(names -> {
            for (String n : names.split(",")) {
                if (!n.isBlank()) {
                    deferrable.add(new Deferrable(n.trim(), deferral));
                }
            }
        });
        return new Terms(allowed, days, deferrable);
    }

    private <T> Optional<T> value(String prefix, String item, String key, Class<T> type) {
        Optional<T> quoted = config.getOptionalValue(prefix + ".\"" + item + "\"." + key, type);
        return quoted.isPresent() ? quoted : config.getOptionalValue(prefix + "." + item + "." + key, type);
    }

    private List<Deferrable> materials(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, new TypeReference<List<Deferrable>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored deferrable materials are not JSON: " + text, e);
        }
    }

    @Override
    public String field() {
        return "itemTerms";
    }

    @Override
    public Object read(JsonNode list, JsonInput in) {
        JsonNode items = list.get("items");
        if (items == null || !items.isArray()) {
            return null;
        }
        Map<String, Terms> out = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode it = items.get(i);
            String p = "items[" + i + "]";
            if (!it.isObject() || !it.path("itemCode").isTextual()) {
                continue;
            }
            Boolean allowed = null;
            JsonNode a = it.get("commitmentAllowed");
            if (a != null && !a.isNull()) {
                if (a.isBoolean()) {
                    allowed = a.asBoolean();
                } else {
                    in.add(p + ".commitmentAllowed", "not_a_boolean", "true or false");
                }
            }
            Integer days = days(it.get("checkWorkingDays"), p + ".checkWorkingDays", in);
            List<Deferrable> deferrable = null;
            JsonNode d = it.get("deferrableMaterials");
            if (d != null && !d.isNull()) {
                deferrable = new ArrayList<>();
                if (!d.isArray()) {
                    in.add(p + ".deferrableMaterials", "not_an_array", "[{\"name\", \"workingDays\"}]");
                } else {
                    for (int k = 0; k < d.size(); k++) {
                        String q = p + ".deferrableMaterials[" + k + "]";
                        String name = d.get(k).isObject() ? in.text(d.get(k), "name", q + ".name", 200) : null;
                        if (!d.get(k).isObject()) {
                            in.add(q, "not_an_object", "{\"name\", \"workingDays\"}");
                        }
                        Integer wd = d.get(k).isObject() ? days(d.get(k).get("workingDays"), q + ".workingDays", in) : null;
                        if (d.get(k).isObject() && wd == null && !in.hasError(q + ".workingDays")) {
                            in.add(q + ".workingDays", "required", "working days to supply it");
                        }
                        if (name != null && wd != null) {
                            deferrable.add(new Deferrable(name, wd));
                        }
                    }
                }
            }
            if (allowed != null || days != null || deferrable != null) {
                out.put(it.get("itemCode").asText(), new Terms(allowed, days, deferrable));
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static Integer days(JsonNode n, String path, JsonInput in) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > 120) {
            in.add(path, "must_be_positive", "1 to 120 working days");
            return null;
        }
        return n.asInt();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void store(Connection c, String projectCode, Object read) throws SQLException {
        for (Map.Entry<String, Terms> e : ((Map<String, Terms>) read).entrySet()) {
            Terms t = e.getValue();
            try {
                Db.update(c, "INSERT INTO hub_item_terms (project_code, item_code, commitment_allowed, check_working_days, "
                        + "deferrable_materials) VALUES (?, ?, ?, ?, ?)", projectCode, e.getKey(), t.commitmentAllowed(),
                        t.checkWorkingDays(), t.deferrableMaterials() == null ? null
                                : json.writeValueAsString(t.deferrableMaterials()));
            } catch (JsonProcessingException x) {
                throw new IllegalStateException(x);
            }
        }
    }
}
