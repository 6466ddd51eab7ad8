package cn.approvalbridge.hub.supervision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV for people who open it in a spreadsheet: RFC 4180 (CRLF, quotes where needed) in UTF-8 with a byte-order mark,
 * without which Chinese editions of Excel read the file as GBK and show the names garbled. Public for the console's
 * supervisors' board, whose tables export the same way.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    private Csv() {
    }

    /** Whether the caller asked for CSV before JSON (a bare or wildcard Accept gets JSON). */
    static boolean wanted(jakarta.ws.rs.core.HttpHeaders headers) {
        for (jakarta.ws.rs.core.MediaType m : headers.getAcceptableMediaTypes()) {
            if ("text".equals(m.getType()) && "csv".equals(m.getSubtype())) {
                return true;
            }
            if (m.isCompatible(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    public static String of(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder("\uFEFF");
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180)) {
            p.printRecord(header);
            for (List<Object> r : rows) {
                p.printRecord(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
