package cn.approvalbridge.hub.utility;

import cn.approvalbridge.support.JsonInput;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.platform.store.OutboxRelay;
import cn.approvalbridge.hub.prereview.Declarations;

/**
 * The work behind the utility routes, on the flow's canonical records: the providers' adapters (partners) map a
 * {@link UtilityMessage} to their format and their input to a report. Idempotent like the hub's steps: the database
 * says whether a provider already acknowledged a message, so a redelivered message re-sends nothing, and a provider's
 * report is recorded once.
 */
@ApplicationScoped
public class UtilitySteps {

    private static final Logger LOG = Logger.getLogger(UtilitySteps.class);

    @Inject
    UtilityApplications applications;

    @Inject
    ProviderReports reports;

    @Inject
    Declarations declarations;

    @Inject
    OutboxRelay relay;

    @Inject
    ObjectMapper json;

    @Inject
    Instance<ProviderInputFormat> formats;

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

    /**
     * The provider took the message (2xx, or the file is on its server): recorded once in state and trail, with the
     * request as sent (exchange property {@link HubHeaders#SENT_REQUEST}) and the provider's reply (the body).
     */
    public void acknowledged(Exchange exchange) {
        String id = exchange.getIn().getHeader(UtilityHeaders.APPLICATION_ID, String.class);
        Utility u = Utility.valueOf(exchange.getIn().getHeader(UtilityHeaders.UTILITY, String.class));
        String kind = exchange.getIn().getHeader(UtilityHeaders.KIND, String.class);
        String sent = exchange.getProperty(HubHeaders.SENT_REQUEST, String.class);
        applications.sent(id, u, kind, sent, exchange.getIn().getBody(String.class));
    }

    /** Provider input from the queue (result-file rows, replayed dead letters): parsed, validated, recorded. */
    public void providerInput(String body, Exchange exchange) throws Exception {
        JsonNode env;
        try {
            env = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("provider input is not an envelope: " + truncate(body));
        }
        Utility u = Utility.parse(env.path("utility").asText());
        if (u == null) {
            throw new PermanentFailure("provider input without a known utility: " + truncate(body));
        }
        exchange.setProperty(HubHeaders.PARTNER, u.identity());
        String raw = env.path("raw").asText();
        String format = env.path("format").asText();
        ProviderInput.Parsed parsed = switch (format) {
            case ProviderInput.STATUS_JSON -> ProviderInput.status(u, readOrFail(raw));
            case ProviderInput.AVAILABILITY_JSON -> ProviderInput.availability(u, readOrFail(raw));
            default -> formats.stream().filter(f -> f.name().equals(format)).findFirst()
                    .orElseThrow(() -> new PermanentFailure("provider input of unknown format '" + format + "'"))
                    .parse(u, raw);
        };
        if (!parsed.valid()) {
            throw new PermanentFailure("rejected " + u.identity() + " input (" + env.path("origin").asText() + "): "
                    + parsed.errors());
        }
        ProviderReports.Result r = reports.report(parsed.report(), u.identity(), raw);
        switch (r.outcome()) {
            case CREATED -> r.messages().forEach(relay::relay);
            case SAME -> LOG.debugf("%s repeated a report on %s", u.identity(), parsed.report().applicationId());
            default -> throw new PermanentFailure("rejected " + u.identity() + " input (" + env.path("origin").asText()
                    + "): " + r.outcome() + (r.current() == null ? "" : ", the provider's state is " + r.current()));
        }
    }

    private JsonNode readOrFail(String raw) {
        try {
            return JsonInput.parse(raw);
        } catch (JsonInput.NotAnObject e) {
            throw new PermanentFailure("malformed JSON: " + e.error());
        }
    }

    private String field(String body, String name) {
        try {
            JsonNode n = json.readTree(body).get(name);
            if (n == null || !n.isTextual()) {
                throw new PermanentFailure("message without " + name + ": " + truncate(body));
            }
            return n.asText();
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("message is not JSON: " + truncate(body));
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200);
    }
}
