package cn.approvalbridge.hub.partners.projectapproval;

import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.platform.store.Trail;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;

/**
 * Writes the hub's rows into the staging tables. The flows announce what the rows report on hub.staging (through the
 * outbox, in the transaction that records that state); StagingRows makes the rows, and this consumer inserts each with
 * the reporting city's XZQHDM, SJYXBS=1, SJSCZT=0 (awaiting the province's collector). A row whose DFSJZJ is there
 * already is left alone (a redelivery or a replay never writes a row twice), unless the province marked it failed
 * (SJSCZT 2 or -1): then it is rewritten under the same DFSJZJ and offered again (SJSCZT 0, SBYY cleared).
 */
@ApplicationScoped
public class StagingWriter {
    private static final Set<String> DATE_COLUMNS = Set.of("NKGSJ", "NJCSJ", "PFRQ", "PFWJYXQX");
    private static final Set<String> TIME_COLUMNS = Set.of("SPLCSXSJ", "XMWQBJSJ", "SBSJ", "BLSJ");

    @Inject
    StagingDb staging;
    @Inject
    StagingConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;
    @Inject
    Trail trail;

    /** True when the row was inserted or rewritten, false when it was there already. */
    public boolean write(String body) throws Exception {
        JsonNode n = json.readTree(body);
        String table = n.path("table").asText();
        if (!StagingRows.TABLES.contains(table)) {
            throw new PermanentFailure("not a staging table: " + table);
        }
        Map<String, Object> cols = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("columns").fields(); it.hasNext();) {
            var e = it.next();
            String col = e.getKey();
            if (!col.matches("[A-Z]{2,20}")) {
                throw new PermanentFailure("not a staging column: " + col);
            }
            cols.put(col, value(col, e.getValue()));
        }
        if (!(cols.get("DFSJZJ") instanceof String key)) {
            throw new PermanentFailure("a staging row without DFSJZJ in " + table);
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(ChinaTime.ZONE));
        cols.put("XZQHDM", config.reportingRegion());
        Map<String, Object> insert = new LinkedHashMap<>(cols);
        insert.put("SJYXBS", 1);
        insert.put("SJSCZT", SpglCodes.UPLOAD_WRITTEN);
        insert.put("CJSJ", now);
        insert.put("GXSJ", now);
        List<String> names = new ArrayList<>(insert.keySet());
        String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", names.stream().map(x -> "?").toList()) + ")";
        boolean written;
        try {
            written = staging.inTransaction(c -> Db.update(c, sql, insert.values().toArray()) == 1);
        } catch (Db.StoreException e) {
            if (!StagingDb.isDuplicateKey(e)) {
                throw e;
            }
            written = rewriteIfFailed(table, key, cols, now);
        }
        // the row is in the staging database (now or by an earlier delivery): the project's trail records it once, also
        // when a crash came between the insert and this entry (the redelivery finds the row and still records it)
        String xmdm = n.path("project").asText(null);
        if (xmdm != null) {
            trail.appendOnceForProject(xmdm, "project-approval-system", "STAGING_" + table,
                    "staging:" + Trail.sha256(body), n.path("columns").toString());
        }
        return written;
    }

    /** A row the province refused is replaced by this one, under the same DFSJZJ, and offered again. */
    private boolean rewriteIfFailed(String table, String key, Map<String, Object> cols, LocalDateTime now) {
        Map<String, Object> set = new LinkedHashMap<>(cols);
        set.remove("DFSJZJ");
        List<Object> args = new ArrayList<>(set.values());
        args.add(now);
        args.add(key);
        String sql = "UPDATE " + table + " SET " + String.join(", ", set.keySet().stream().map(c -> c + " = ?").toList())
                + ", SJSCZT = 0, SBYY = NULL, GXSJ = ? WHERE DFSJZJ = ? AND SJSCZT IN (2, -1)";
        return staging.inTransaction(c -> Db.update(c, sql, args.toArray()) == 1);
    }

    private static Object value(String col, JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (DATE_COLUMNS.contains(col)) {
            return LocalDate.parse(v.asText());
        }
        if (TIME_COLUMNS.contains(col)) {
            return LocalDateTime.parse(v.asText());
        }
        if (v.isInt()) {
            return v.intValue();
        }
        return v.isNumber() ? v.decimalValue() : v.asText();
    }

    /** Every row of a project in the project's staging tables (sandbox view, tests), in the order written. */
    public Map<String, List<Map<String, Object>>> rows(String xmdm) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        String gcdm = xmdm + config.engineeringCodeSuffix();
        for (String t : StagingRows.PROJECT_TABLES) {
            boolean byProject = t.equals(StagingRows.PROJECT) || t.equals(StagingRows.UNIT);
            out.put(t, all(t, byProject ? "XMDM = ?" : "GCDM = ?", byProject ? xmdm : gcdm));
        }
        return out;
    }

    /** The rows of {@code table} matching {@code where}, columns by name, values as text (dates ISO, times local). */
    public List<Map<String, Object>> all(String table, String where, Object... args) {
        if (!StagingRows.TABLES.contains(table)) {
            throw new IllegalArgumentException("not a staging table: " + table);
        }
        return staging.read(c -> Db.list(c, "SELECT * FROM " + table + " WHERE " + where + " ORDER BY LSH", rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            var md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                int type = md.getColumnType(i);
                Object v = type == Types.TIMESTAMP ? rs.getObject(i, LocalDateTime.class)
                        : type == Types.DATE ? rs.getObject(i, LocalDate.class) : rs.getObject(i);
                m.put(md.getColumnLabel(i).toUpperCase(), v == null ? null : v.toString());
            }
            return m;
        }, args));
    }
}
