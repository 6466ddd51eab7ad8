package cn.approvalbridge.hub.partners.projectapproval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks a live staging database (its JDBC metadata) and rows read from it against the one machine-readable
 * description of the exchange standard, src/test/resources/spgl/spgl-standard.json (tables, columns, types, lengths,
 * required columns, code lists; its sources are cited in it).
 */
public final class SpglConformance {

    private static final JsonNode STANDARD = load();

    private SpglConformance() {
    }

    private static JsonNode load() {
        try (InputStream in = SpglConformance.class.getResourceAsStream("/spgl/spgl-standard.json")) {
            return new ObjectMapper().readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> tables() {
        List<String> out = new java.util.ArrayList<>();
        STANDARD.path("tables").fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Every table and column of the description is in the database with a compatible type, length and nullability. */
    public static void checkSchema(Connection c) throws Exception {
        DatabaseMetaData md = c.getMetaData();
        for (var t : (Iterable<Map.Entry<String, JsonNode>>) STANDARD.path("tables")::fields) {
            Map<String, Object[]> live = new HashMap<>();
            for (String name : List.of(t.getKey(), t.getKey().toLowerCase(Locale.ROOT))) {
                try (ResultSet rs = md.getColumns(c.getCatalog(), c.getSchema(), name, null)) {
                    while (rs.next()) {
                        live.put(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT), new Object[] {
                                rs.getInt("DATA_TYPE"), rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"),
                                rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls });
                    }
                }
            }
            assertTrue(!live.isEmpty(), "table " + t.getKey() + " missing");
            for (JsonNode col : t.getValue()) {
                String where = t.getKey() + "." + col.path("name").asText();
                Object[] l = live.get(col.path("name").asText());
                assertNotNull(l, where + " missing");
                int type = (int) l[0];
                switch (col.path("type").asText()) {
                    case "varchar" -> {
                        assertTrue(type == Types.VARCHAR || type == Types.NVARCHAR, where + " type " + type);
                        assertTrue((int) l[1] >= col.path("length").asInt(), where + " length " + l[1]);
                    }
                    case "integer" -> assertTrue(type == Types.INTEGER || type == Types.BIGINT, where + " type " + type);
                    case "decimal" -> {
                        assertTrue(type == Types.DECIMAL || type == Types.NUMERIC, where + " type " + type);
                        assertEquals(col.path("scale").asInt(), (int) l[2], where + " scale");
                    }
                    case "date" -> assertEquals(Types.DATE, type, where + " type");
                    default -> assertEquals(Types.TIMESTAMP, type, where + " type");
                }
                assertEquals(col.path("required").asBoolean(), (boolean) l[3], where + " NOT NULL");
            }
        }
    }

    /** Each row (as StagingWriter.all reads them) has its required columns, codes from the lists, well-formed values. */
    public static void checkRows(String table, List<Map<String, Object>> rows) {
        JsonNode codes = STANDARD.path("codeLists");
        JsonNode codeColumns = STANDARD.path("codeColumns");
        for (Map<String, Object> row : rows) {
            for (JsonNode col : STANDARD.path("tables").path(table)) {
                String name = col.path("name").asText();
                Object v = row.get(name);
                String where = table + "." + name + " of " + row.get("DFSJZJ");
                if (col.path("required").asBoolean()) {
                    assertNotNull(v, where + " is required");
                }
                if (v == null) {
                    continue;
                }
                String text = v.toString();
                switch (col.path("type").asText()) {
                    case "varchar" -> assertTrue(text.length() <= col.path("length").asInt(), where + " too long");
                    case "date" -> LocalDate.parse(text);
                    case "timestamp" -> LocalDateTime.parse(text);
                    case "integer" -> Long.parseLong(text);
                    default -> new java.math.BigDecimal(text);
                }
                if (codeColumns.has(name)) {
                    boolean listed = false;
                    for (JsonNode code : codes.path(codeColumns.path(name).asText())) {
                        listed |= code.asText().equals(text);
                    }
                    assertTrue(listed, where + " = " + text + " is not in code list " + codeColumns.path(name).asText());
                }
            }
        }
    }
}
