package cn.approvalbridge.hub.projectview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.notification.NotificationLedger;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.support.JsonInput;
import cn.approvalbridge.support.Masking;
import cn.approvalbridge.support.Mobile;

/**
 * Retention: the personal data of one declaration (the unit's contact name and mobile, its credit code, the utility
 * form's contact) is masked wherever the hub keeps it: the declaration and its utility applications, the inbound log,
 * the outbox, dead letters that concern it, the SMS ledger, and the trail's payloads (dropped; their digests keep the
 * chain verifiable). Rows stay, so counts, states and times still add up; the person is gone. Repeating it is harmless.
 * The staging database's copy is not the hub's to change; the answer says so.
 */
@ApplicationScoped
public class Purge {

    private static final String GONE = "***";

    @Inject
    Db db;

    @Inject
    Trail trail;

    @Inject
    NotificationLedger ledger;

    public Map<String, Object> purge(Declarations.Row row) {
        String id = row.declarationId();
        String code = row.projectCode();
        List<String> names = new ArrayList<>();
        contactName(row.body(), "unit", names);
        List<String[]> applications = db.read(c -> Db.list(c, "SELECT application_id, body, unit_mobile FROM "
                + "hub_utility_application WHERE declaration_id = ?",
                rs -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) }, id));
        applications.forEach(a -> contactName(a[1], "contact", names));
        Set<String> mobiles = new java.util.HashSet<>(Masking.mobiles(row.body()));
        mobiles.add(row.unitMobile());
        applications.forEach(a -> mobiles.add(a[2]));
        UnaryOperator<String> redact = text -> redact(text, names);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("declarationId", id);
        if (code != null) {
            out.put("projectCode", code);
        }
        out.put("declarations", db.inTransaction(c -> Db.update(c, "UPDATE hub_declaration SET body = ?, unit_mobile = ? "
                + "WHERE declaration_id = ?", redact.apply(row.body()), Mobile.mask(row.unitMobile()), id)));
        out.put("utilityApplications", db.inTransaction(c -> {
            int n = 0;
            for (String[] a : applications) {
                n += Db.update(c, "UPDATE hub_utility_application SET body = ?, unit_mobile = ? WHERE application_id = ?",
                        redact.apply(a[1]), Mobile.mask(a[2]), a[0]);
            }
            return n;
        }));
        out.put("inboundMessages", rewrite("hub_inbound_message", "message_id", "body", null,
                "declaration_id = ?", List.of(id), redact));
        String where = related(code, applications, mobiles);
        List<Object> args = args(id, code, applications, mobiles);
        out.put("outbox", rewrite("hub_outbox", "id", "body", null, where, args, redact));
        out.put("deadLetters", rewrite("hub_dead_letter", "id", "body", "reason", where, args, redact));
        int sms = 0;
        for (String m : mobiles) {
            if (Mobile.normalise(m).isPresent()) {
                sms += ledger.purge(m, code, id, redact);
            }
        }
        out.put("smsNotifications", sms);
        out.put("purgedPayloads", trail.purgePayloads(id));
        out.put("stagingDatabase", code == null ? Map.of("purged", false, "rows", "none: nothing reaches it before a code")
                : Map.of("purged", false, "rows", "kept: SPGL_XMDWXXB holds the unit's name and credit code",
                        "why", "the province's project approval system owns its staging database: the hub may only "
                                + "insert, and marking the rows invalid (SJYXBS=0) would report the project withdrawn; "
                                + "ask its operators to remove them"));
        return out;
    }

    /** Text with every mobile number and credit code masked and the contacts' names blanked. */
    static String redact(String text, List<String> names) {
        String masked = Masking.maskText(text);
        if (masked == null) {
            return null;
        }
        for (String n : names) {
            masked = masked.replace(n, GONE);
        }
        return masked;
    }

    /**
     * Rewrites the selected rows whose text redaction changes. The selection may be wider than the declaration (rows
     * with the same last four digits): a row changes only if it holds a number, a credit code or a name, and then it
     * is personal data whoever it concerns.
     */
    private int rewrite(String table, String key, String column, String second, String where, List<Object> args,
            UnaryOperator<String> redact) {
        return db.inTransaction(c -> {
            String cols = key + ", " + column + (second == null ? "" : ", " + second);
            List<String[]> rows = Db.list(c, "SELECT " + cols + " FROM " + table + " WHERE " + where,
                    rs -> new String[] { rs.getString(1), rs.getString(2), second == null ? null : rs.getString(3) },
                    args.toArray());
            int n = 0;
            for (String[] r : rows) {
                String body = redact.apply(r[1]);
                String reason = redact.apply(r[2]);
                if (!body.equals(r[1]) || (r[2] != null && !reason.equals(r[2]))) {
                    n += second == null
                            ? Db.update(c, "UPDATE " + table + " SET " + column + " = ? WHERE " + key + " = ?", body, r[0])
                            : Db.update(c, "UPDATE " + table + " SET " + column + " = ?, " + second + " = ? WHERE " + key
                                    + " = ?", body, reason, r[0]);
                }
            }
            return n;
        });
    }

    /** Bodies naming the declaration, its code or one of its applications, or holding the last digits of its numbers. */
    private static String related(String code, List<String[]> applications, Set<String> mobiles) {
        StringBuilder w = new StringBuilder("(body LIKE ? OR body LIKE ?");
        if (code != null) {
            w.append(" OR body LIKE ?");
        }
        applications.forEach(a -> w.append(" OR body LIKE ?"));
        mobiles.forEach(m -> w.append(" OR body LIKE ? OR body LIKE ?"));
        return w.append(")").toString();
    }

    private static List<Object> args(String id, String code, List<String[]> applications, Set<String> mobiles) {
        List<Object> args = new ArrayList<>();
        args.add("%\"" + id + "\"%");
        args.add("%:" + id + "%");
        if (code != null) {
            args.add("%" + code + "%");
        }
        applications.forEach(a -> args.add("%\"" + a[0] + "\"%"));
        for (String m : mobiles) {
            String last4 = m.substring(m.length() - 4);
            args.add("%" + last4 + "%");
            args.add("%" + fullWidth(last4) + "%");
        }
        return args;
    }

    private static String fullWidth(String digits) {
        StringBuilder sb = new StringBuilder();
        digits.chars().forEach(ch -> sb.append(Character.isDigit(ch) ? (char) ('\uFF10' + ch - '0') : (char) ch));
        return sb.toString();
    }

    private static void contactName(String body, String section, List<String> names) {
        try {
            JsonNode n = JsonInput.STRICT.readTree(body).path(section).path(section.equals("unit") ? "contactName" : "name");
            if (n.isTextual() && !n.asText().isBlank() && !n.asText().equals(GONE)) {
                names.add(n.asText());
            }
        } catch (java.io.IOException | RuntimeException e) {
            // a body that is not JSON has no name to look for; the masking of numbers still applies
        }
    }
}
