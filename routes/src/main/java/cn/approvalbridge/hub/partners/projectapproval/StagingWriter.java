package cn.approvalbridge.hub.partners.projectapproval;

import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.support.ChinaTime;
import io.quarkus.arc.Unremovable;

/**
 * Writes the hub's rows into the staging tables. The flows announce what the rows report on hub.staging (through the
 * outbox, in the transaction that records that state); StagingRows makes the rows, and this consumer inserts each with
 * SJYXBS=1, SJSCZT=0 (awaiting the province's pickup), SJLY=HUB. A row whose business key is already there is skipped:
 * a redelivery or a replay never writes a row twice.
 */
@ApplicationScoped
@Unremovable
public class StagingWriter {
    private static final Set<String> DATE_COLUMNS = Set.of("SBRQ", "PFRQ");
    private static final Set<String> TIME_COLUMNS = Set.of("SLSJ", "BLSJ");

    @Inject
    StagingDb staging;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    Trail trail;

    /** True when the row was inserted, false when its business key was already there. */
    public boolean write(String body) throws Exception {
        JsonNode n = json.readTree(body);
        String table = n.path("table").asText();
        if (!StagingRows.TABLES.contains(table)) {
            throw new PermanentFailure("not a staging table: " + table);
        }
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("ID", UUID.randomUUID().toString());
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("columns").fields(); it.hasNext();) {
            var e = it.next();
            String col = e.getKey();
            if (!col.matches("[A-Z_]{2,20}")) {
                throw new PermanentFailure("not a staging column: " + col);
            }
            JsonNode v = e.getValue();
            Object value = v.isNull() ? null
                    : DATE_COLUMNS.contains(col) ? LocalDate.parse(v.asText())
                    : TIME_COLUMNS.contains(col) ? OffsetDateTime.parse(v.asText())
                    : v.isNumber() ? v.decimalValue() : v.asText();
            cols.put(col, value);
        }
        cols.putIfAbsent("SJYXBS", 1);
        cols.putIfAbsent("SJSCZT", 0);
        cols.putIfAbsent("SJLY", "HUB");
        cols.put("CJSJ", OffsetDateTime.now(clock.withZone(ChinaTime.ZONE)));
        List<String> names = new ArrayList<>(cols.keySet());
        String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", names.stream().map(x -> "?").toList()) + ")";
        boolean inserted;
        try {
            inserted = staging.inTransaction(c -> Db.update(c, sql, cols.values().toArray()) == 1);
        } catch (Db.StoreException e) {
            if (!Db.isDuplicateKey(e)) {
                throw e;
            }
            inserted = false;
        }
        // the row is in the staging database (now or by an earlier delivery): the project's trail records it once, also
        // when a crash came between the insert and this entry (the redelivery finds the row and still records it)
        Object xmdm = cols.get("XMDM");
        if (xmdm != null) {
            trail.appendOnceForProject(xmdm.toString(), "project-approval-system", "STAGING_" + table,
                    "staging:" + Trail.sha256(body), n.path("columns").toString());
        }
        return inserted;
    }

    /**
     * Every row of a project in every staging table (sandbox view, tests), times in Beijing time. The times are read as
     * OffsetDateTime: H2 keeps the offset written (+08:00), PostgreSQL keeps the instant only and its driver answers a
     * plain getObject with a java.sql.Timestamp printed in the JVM's zone, without offset.
     */
    public Map<String, List<Map<String, Object>>> rows(String xmdm) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (String t : StagingRows.TABLES) {
            out.put(t, staging.read(c -> Db.list(c, "SELECT * FROM " + t + " WHERE XMDM = ? ORDER BY CJSJ, ID", rs -> {
                Map<String, Object> m = new LinkedHashMap<>();
                var md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    // every staging time is TIMESTAMP WITH TIME ZONE (PostgreSQL's driver reports it as TIMESTAMP)
                    int type = md.getColumnType(i);
                    Object v = type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE
                            ? chinaTime(rs.getObject(i, OffsetDateTime.class))
                            : type == Types.DATE ? rs.getObject(i, LocalDate.class) : rs.getObject(i);
                    m.put(md.getColumnLabel(i).toUpperCase(), v == null ? null : v.toString());
                }
                return m;
            }, xmdm)));
        }
        return out;
    }

    private static OffsetDateTime chinaTime(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(ChinaTime.ZONE).toOffsetDateTime();
    }
}
