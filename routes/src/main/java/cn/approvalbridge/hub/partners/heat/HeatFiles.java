package cn.approvalbridge.hub.partners.heat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.utility.ProviderInput;
import cn.approvalbridge.hub.utility.ProviderInputFormat;
import cn.approvalbridge.hub.utility.Utility;
import cn.approvalbridge.hub.utility.UtilityMessage;
import cn.approvalbridge.support.FieldError;

/**
 * The heating company's CSV files, both ways: a canonical message becomes a request file of one row; a row of its
 * result files travels to the flow in the provider-input envelope (format csv-row) and is read back into a report.
 */
@ApplicationScoped
public class HeatFiles implements ProviderInputFormat {

    static final String CSV_ROW = "csv-row";

    @Inject
    ObjectMapper json;

    /** RFC 4180 as the company writes it: comma, double quotes, CRLF or LF, blank lines skipped. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).build();

    /** The request row of a message (one file per message), and the file's name. */
    public List<HeatRequestRow> request(UtilityMessage m, Exchange exchange) {
        HeatRequestRow r = new HeatRequestRow();
        r.kind = m.kind();
        r.applicationId = m.applicationId();
        r.projectCode = m.projectCode();
        r.projectName = m.projectName();
        r.site = m.site();
        r.contactName = m.contactName();
        r.contactMobile = m.contactMobile();
        r.areaM2 = plain(m.demand().get("areaM2"));
        r.surveyWindows = String.join(";", m.surveyWindows().stream().map(x -> x.from() + "/" + x.to()).toList());
        r.surveyDate = m.surveyDate() == null ? "" : m.surveyDate().toString();
        r.surveyDateAgreed = m.surveyDate() == null ? "" : Boolean.toString(m.surveyDateAgreed());
        exchange.getIn().setHeader(Exchange.FILE_NAME, m.kind().toLowerCase() + "-" + m.applicationId() + ".csv");
        return List.of(r);
    }

    /** The company's "reply" to a request file: the name it was stored under on its server. */
    public String uploaded(Exchange exchange) {
        return "{\"uploaded\":\"" + exchange.getIn().getHeader(Exchange.FILE_NAME_PRODUCED, String.class) + "\"}";
    }

    /** A row of a result file, wrapped so that a dead letter of it can be replayed as it came. */
    public String resultRow(String row, Exchange exchange) {
        return ProviderInput.envelope(Utility.HEAT, CSV_ROW, exchange.getIn().getHeader(Exchange.FILE_NAME, String.class)
                + " row " + exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class), row.strip());
    }

    /** The message group of a result row: its application (the row's first field), so its statuses stay in order. */
    public String group(String envelope) throws Exception {
        String raw = json.readTree(envelope).path("raw").asText();
        int comma = raw.indexOf(',');
        return "HEAT:" + (comma < 0 ? raw : raw.substring(0, comma)).replace("\"", "").strip();
    }

    /**
     * The records of a result file, split as RFC 4180 CSV is: at a line break outside double quotes, so a quoted field
     * keeps its commas and newlines (a multi-line reason stays one field of one record). An unclosed quote makes the
     * rest of the file one record, which then fails on its own as a dead letter while the records before it count.
     * Blank lines and the header record are left out.
     */
    public List<String> records(String file) {
        List<String> out = new ArrayList<>();
        StringBuilder record = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < file.length(); i++) {
            char ch = file.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            }
            if (ch == '\n' && !quoted) {
                add(out, record);
            } else {
                record.append(ch);
            }
        }
        add(out, record);
        return out;
    }

    private static void add(List<String> out, StringBuilder record) {
        String r = record.toString().strip();
        record.setLength(0);
        if (!r.isEmpty() && !r.startsWith(HeatResultRow.HEADER.substring(0, 14))) {
            out.add(r);
        }
    }

    @Override
    public String name() {
        return CSV_ROW;
    }

    @Override
    public ProviderInput.Parsed parse(Utility u, String raw) {
        HeatResultRow row = new HeatResultRow();
        try (CSVParser p = CSVParser.parse(raw, FORMAT)) {
            List<CSVRecord> records = p.getRecords();
            if (records.isEmpty()) {
                throw new PermanentFailure("result row is empty");
            }
            CSVRecord r = records.get(0);
            row.applicationId = field(r, 0);
            row.kind = field(r, 1);
            row.state = field(r, 2);
            row.surveyDate = field(r, 3);
            row.slots = field(r, 4);
            row.reason = field(r, 5);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // the parser quotes the broken record; the dead letter keeps it, masked wherever it is shown
            throw new PermanentFailure("malformed result row '" + truncate(raw) + "': " + e.getMessage());
        }
        String id = blankToNull(row.applicationId);
        return switch (row.kind == null ? "" : row.kind.strip()) {
            case "STATUS" -> ProviderInput.status(u, id, blankToNull(row.state), blankToNull(row.surveyDate),
                    blankToNull(row.reason), false);
            case "AVAILABILITY" -> ProviderInput.availability(u, id, blankToNull(row.slots));
            default -> new ProviderInput.Parsed(null, List.of(new FieldError("kind", "unknown_kind",
                    "STATUS or AVAILABILITY, not '" + truncate(row.kind) + "'")));
        };
    }

    private static String field(CSVRecord r, int i) {
        return i < r.size() ? r.get(i) : null;
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200);
    }
}
