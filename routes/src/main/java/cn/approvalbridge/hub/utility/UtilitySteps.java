package cn.approvalbridge.hub.utility;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.dataformat.bindy.csv.BindyCsvDataFormat;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.platform.store.OutboxRelay;
import cn.approvalbridge.hub.partners.heat.HeatRequestRow;
import cn.approvalbridge.hub.partners.heat.HeatResultRow;
import cn.approvalbridge.hub.partners.water.WaterRequest;

/**
 * The work behind the utility routes. Idempotent like the hub's steps: the database says whether a provider already
 * acknowledged a message, so a redelivered message re-sends nothing, and a provider's report is recorded once.
 */
@ApplicationScoped
@Named("utilitySteps")
public class UtilitySteps {

    private static final Logger LOG = Logger.getLogger(UtilitySteps.class);

    @Inject
    UtilityApplications applications;

    @Inject
    Declarations declarations;

    @Inject
    UtilityProviders providers;

    @Inject
    OutboxRelay relay;

    @Inject
    CamelContext camel;

    @Inject
    ObjectMapper json;

    private volatile BindyCsvDataFormat resultFormat;

    /** The split: one message per selected utility, on its transport's queue, as [queue, body] pairs. */
    public List<String[]> split(String body) {
        String id = field(body, "applicationId");
        List<String[]> out = new ArrayList<>();
        for (UtilityApplications.RequestRow r : applications.requests(id)) {
            out.add(new String[] { UtilityQueues.outbound(r.utility()),
                    applications.ref(id, r.utility(), UtilityMessage.APPLICATION) });
        }
        return out;
    }

    /** The canonical message of a queued reference; headers say which, and whether it was already acknowledged. */
    public UtilityMessage message(String body, Exchange exchange) {
        String id = field(body, "applicationId");
        Utility u = Utility.valueOf(field(body, "utility"));
        String kind = field(body, "kind");
        exchange.getIn().setHeader(UtilityHeaders.APPLICATION_ID, id);
        exchange.getIn().setHeader(UtilityHeaders.UTILITY, u.name());
        exchange.getIn().setHeader(UtilityHeaders.KIND, kind);
        exchange.setProperty(HubHeaders.PARTNER, u.identity());
        exchange.getIn().setHeader(HubHeaders.ALREADY_DONE, applications.isSent(id, u, kind));
        var app = applications.find(id).orElseThrow(() -> new PermanentFailure("unknown utility application " + id));
        String projectName = declarations.find(app.declarationId()).map(Declarations.Row::projectName).orElse("");
        return applications.message(id, u, kind, projectName);
    }

    /** JSON providers (power, gas, telecom): the canonical message is their format. */
    public String jsonRequest(String body, Exchange exchange) throws Exception {
        UtilityMessage m = message(body, exchange);
        exchange.getIn().setHeader(Exchange.HTTP_URI, providers.url(m.utility()));
        return json.writeValueAsString(m);
    }

    /** The water company's XML request. */
    public WaterRequest waterRequest(String body, Exchange exchange) {
        UtilityMessage m = message(body, exchange);
        exchange.getIn().setHeader(Exchange.HTTP_URI, providers.url(m.utility()));
        WaterRequest w = new WaterRequest();
        w.kind = m.kind();
        w.applicationId = m.applicationId();
        w.projectCode = m.projectCode();
        w.projectName = m.projectName();
        w.site = m.site();
        w.contactName = m.contactName();
        w.contactMobile = m.contactMobile();
        w.dailyDemandM3 = plain(m.demand().get("dailyDemandM3"));
        w.pipeDiameterMm = plain(m.demand().get("pipeDiameterMm"));
        w.surveyWindows = m.surveyWindows().stream()
                .map(x -> new WaterRequest.Window(x.from().toString(), x.to().toString())).toList();
        w.surveyDate = m.surveyDate() == null ? null : m.surveyDate().toString();
        w.surveyDateAgreed = m.surveyDate() == null ? null : m.surveyDateAgreed();
        w.answerTo = m.answerTo();
        return w;
    }

    /** The heating company's request row (one file per message). */
    public List<HeatRequestRow> heatRequest(String body, Exchange exchange) {
        UtilityMessage m = message(body, exchange);
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

    /** The provider took the message (2xx, or the file is on its server): recorded once in state and trail. */
    public void acknowledged(Exchange exchange) {
        String id = exchange.getIn().getHeader(UtilityHeaders.APPLICATION_ID, String.class);
        Utility u = Utility.valueOf(exchange.getIn().getHeader(UtilityHeaders.UTILITY, String.class));
        String kind = exchange.getIn().getHeader(UtilityHeaders.KIND, String.class);
        String sent = exchange.getProperty(HubHeaders.SENT_REQUEST, String.class);
        String reply = u.transport() == Utility.Transport.CSV_SFTP ? "{\"uploaded\":\""
                + exchange.getIn().getHeader(Exchange.FILE_NAME_PRODUCED, String.class) + "\"}"
                : exchange.getIn().getBody(String.class);
        applications.sent(id, u, kind, sent, reply);
    }

    /** A row of a heating result file, wrapped so that a dead letter of it can be replayed as it came. */
    public String heatRow(String row, Exchange exchange) {
        ObjectNode n = json.createObjectNode();
        n.put("utility", Utility.HEAT.name());
        n.put("format", "csv-row");
        n.put("source", Utility.HEAT.identity());
        n.put("origin", exchange.getIn().getHeader(Exchange.FILE_NAME, String.class) + " row "
                + exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class));
        n.put("raw", row.strip());
        return n.toString();
    }

    /** The message group of a result row: its application (the row's first field), so its statuses stay in order. */
    public String heatRowGroup(String envelope) throws Exception {
        String raw = json.readTree(envelope).path("raw").asText();
        int comma = raw.indexOf(',');
        return "HEAT:" + (comma < 0 ? raw : raw.substring(0, comma)).replace("\"", "").strip();
    }

    /** Provider input from the queue (result-file rows, replayed dead letters): parsed, validated, recorded. */
    public void providerInput(String body, Exchange exchange) throws Exception {
        JsonNode env;
        try {
            env = json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PermanentFailure("provider input is not an envelope: " + truncate(body));
        }
        Utility u = Utility.parse(env.path("utility").asText());
        if (u == null) {
            throw new PermanentFailure("provider input without a known utility: " + truncate(body));
        }
        exchange.setProperty(cn.approvalbridge.hub.platform.broker.HubHeaders.PARTNER, u.identity());
        String raw = env.path("raw").asText();
        String format = env.path("format").asText();
        ProviderInput.Parsed parsed = switch (format) {
            case "csv-row" -> csvRow(u, raw);
            case "status-json" -> ProviderInput.status(u, readOrFail(raw));
            case "availability-json" -> ProviderInput.availability(u, readOrFail(raw));
            default -> throw new PermanentFailure("provider input of unknown format '" + format + "'");
        };
        if (!parsed.valid()) {
            throw new PermanentFailure("rejected " + u.identity() + " input (" + env.path("origin").asText() + "): "
                    + parsed.errors());
        }
        UtilityApplications.ReportResult r = applications.report(parsed.report(), u.identity(), raw);
        switch (r.outcome()) {
            case CREATED -> r.messages().forEach(relay::relay);
            case SAME -> LOG.debugf("%s repeated a report on %s", u.identity(), parsed.report().applicationId());
            default -> throw new PermanentFailure("rejected " + u.identity() + " input (" + env.path("origin").asText()
                    + "): " + r.outcome() + (r.current() == null ? "" : ", the provider's state is " + r.current()));
        }
    }

    private ProviderInput.Parsed csvRow(Utility u, String raw) {
        HeatResultRow row;
        try {
            Object o = resultFormat().unmarshal(camel.getCamelContextExtension().getExchangeFactory().create(false),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            Object first = o instanceof List<?> l ? (l.isEmpty() ? null : l.get(0)) : o;
            if (!(first instanceof HeatResultRow r)) {
                throw new PermanentFailure("result row is empty");
            }
            row = r;
        } catch (PermanentFailure e) {
            throw e;
        } catch (Exception e) {
            throw new PermanentFailure("malformed result row '" + truncate(raw) + "': " + e.getMessage());
        }
        String id = blankToNull(row.applicationId);
        return switch (row.kind == null ? "" : row.kind.strip()) {
            case "STATUS" -> ProviderInput.status(u, id, blankToNull(row.state), blankToNull(row.surveyDate),
                    blankToNull(row.reason), false);
            case "AVAILABILITY" -> ProviderInput.availability(u, id, blankToNull(row.slots));
            default -> new ProviderInput.Parsed(null, List.of(new cn.approvalbridge.support.FieldError("kind",
                    "unknown_kind", "STATUS or AVAILABILITY, not '" + row.kind + "'")));
        };
    }

    private BindyCsvDataFormat resultFormat() throws Exception {
        if (resultFormat == null) {
            synchronized (this) {
                if (resultFormat == null) {
                    BindyCsvDataFormat f = new BindyCsvDataFormat(HeatResultRow.class);
                    f.setCamelContext(camel);
                    f.start();
                    resultFormat = f;
                }
            }
        }
        return resultFormat;
    }

    private JsonNode readOrFail(String raw) {
        try {
            return json.readTree(raw);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PermanentFailure("malformed JSON: " + e.getOriginalMessage());
        }
    }

    String field(String body, String name) {
        try {
            JsonNode n = json.readTree(body).get(name);
            if (n == null || !n.isTextual()) {
                throw new PermanentFailure("message without " + name + ": " + truncate(body));
            }
            return n.asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PermanentFailure("message is not JSON: " + truncate(body));
        }
    }

    private static String plain(java.math.BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200);
    }
}
