package cn.approvalbridge.hub.partners.eia;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.commitment.EiaResults;
import cn.approvalbridge.hub.commitment.Outcome;
import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.camel.PartnerUrls;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.platform.partners.PartnerBreakers;
import cn.approvalbridge.hub.platform.store.Leases;
import cn.approvalbridge.support.Masking;
import io.quarkus.scheduler.Scheduled;

/**
 * The poll of the EIA system (环评统建系统) for its results, beside its push. On when {@code hub.eia.poll-url} is set
 * (EIA_SYSTEM_URL under cloud) or, on the embedded default, {@code hub.eia.poll-sandbox=true} (the sandbox EIA system on
 * this hub). The wire format is a guess until the Ministry's interface is known, mapped here and in EiaResultFormat
 * only: {@code GET <url>?since=<ISO-8601 instant>&limit=<n>} → 200 {@code {"results": [{"resultId", "projectCode",
 * "conclusion", "approvalNumber", "approvalDate", "opinion", "publishedAt"}]}}, oldest first, every result published at
 * or after {@code since}. The hub asks from its watermark (EiaPollWatermark: the latest publishedAt taken, in the
 * store), so results at the watermark come again and are taken once by the intake (by resultId). A failed poll counts
 * against the partner's circuit breaker ("eia", in GET /api/v1/partners) and is tried again at the next tick.
 */
@ApplicationScoped
public class EiaPoll {

    static final String PARTNER = "eia";
    static final String LEASE = "eia-poll";
    private static final String HIGHEST = "HubEiaHighestPublished";
    private static final Logger LOG = Logger.getLogger(EiaPoll.class);

    @Inject
    PartnerUrls urls;
    @Inject
    PartnerBreakers breakers;
    @Inject
    Leases leases;
    @Inject
    EiaPollWatermark watermark;
    @Inject
    EiaResults results;
    @Inject
    ObjectMapper json;
    @Inject
    ProducerTemplate producer;

    @ConfigProperty(name = "hub.eia.poll-url")
    Optional<String> url;
    @ConfigProperty(name = "hub.eia.poll-sandbox", defaultValue = "false")
    boolean pollSandbox;
    @ConfigProperty(name = "hub.sandbox.enabled")
    boolean sandboxEnabled;
    @ConfigProperty(name = "hub.eia.poll-start")
    OffsetDateTime start;
    @ConfigProperty(name = "hub.eia.poll-limit")
    int limit;

    public boolean enabled() {
        return url.filter(u -> !u.isBlank()).isPresent() || (pollSandbox && sandboxEnabled);
    }

    /** Every hub.eia.poll-interval, on the replica holding the lease "eia-poll" (when polling is on). */
    @Scheduled(every = "{hub.eia.poll-interval}", delayed = "{hub.eia.poll-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (enabled() && leases.hold(LEASE)) {
            poll();
        }
    }

    /** One poll now (the route records its failure; it never throws). */
    public void poll() {
        producer.sendBody(EiaPollRoutes.POLL, null);
    }

    /** The request of one poll, from the watermark; not made while the breaker is open (PartnerUnavailable). */
    public void request(Exchange exchange) {
        exchange.setProperty(HubHeaders.PARTNER, PARTNER);
        breakers.admit(PARTNER);
        String base = url.filter(u -> !u.isBlank()).orElseGet(() -> urls.sandboxUrl("/sandbox/eia/results"));
        String since = watermark.get().orElse(start).toInstant().toString();
        var in = exchange.getIn();
        in.removeHeaders("*");
        in.setBody(null);
        in.setHeader(Exchange.HTTP_METHOD, "GET");
        in.setHeader(Exchange.HTTP_URI, base + (base.contains("?") ? "&" : "?") + "since=" + since + "&limit=" + limit);
    }

    /** The results of the answer, each as the EIA system sent it; the partner answered, so its breaker closes. */
    public List<String> answered(Exchange exchange) throws Exception {
        String reply = exchange.getIn().getBody(String.class);
        JsonNode list = json.readTree(reply == null || reply.isBlank() ? "{}" : reply).path("results");
        if (!list.isArray()) {
            throw new IllegalStateException("the EIA system's poll answer has no \"results\" array");
        }
        List<String> found = new ArrayList<>();
        OffsetDateTime mark = watermark.get().orElse(start);
        OffsetDateTime highest = null;
        for (JsonNode r : list) {
            OffsetDateTime at = null;
            try {
                at = OffsetDateTime.parse(r.path("publishedAt").asText(""));
                highest = highest == null || at.isAfter(highest) ? at : highest;
            } catch (DateTimeParseException e) {
                LOG.warnf("EIA result %s has no readable publishedAt; taken, the watermark not moved by it",
                        r.path("resultId").asText("?"));
            }
            // the results at the watermark come again at every poll (since is inclusive): one the hub has is not re-sent
            boolean again = at != null && !at.isAfter(mark) && results.status(r.path("resultId").asText("")).isPresent();
            if (!again) {
                found.add(r.toString());
            }
        }
        exchange.setProperty(HIGHEST, highest);
        breakers.succeeded(PARTNER, null);
        return found;
    }

    /** After the page's results are on the intake queue: the watermark moves up to the latest of them. */
    public void advance(Exchange exchange) {
        OffsetDateTime highest = exchange.getProperty(HIGHEST, OffsetDateTime.class);
        if (highest != null) {
            watermark.advance(highest);
        }
    }

    public void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause instanceof PartnerBreakers.PartnerUnavailable) {
            return; // the breaker is open: no call was made; the next tick after its cool-down tries again
        }
        String error = Masking.maskText(cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        breakers.failed(PARTNER, error);
        LOG.warnf("Polling the EIA system failed (tried again at the next tick): %s", error);
    }

    /** One polled result into the same intake as the push; a result the hub cannot read or that conflicts: dead letter. */
    public void take(String body) throws Exception {
        EiaResultFormat.Mapped m;
        try {
            m = EiaResultFormat.map(json.readTree(body));
        } catch (ApiException e) {
            throw new PermanentFailure("EIA result refused: " + e.errors());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PermanentFailure("EIA result is not JSON: " + e.getOriginalMessage());
        }
        Outcome r = results.receive(m.result(), m.canonicalJson(json));
        if (r.kind() == Outcome.Kind.CONFLICT) {
            throw new PermanentFailure(r.message());
        }
    }

    /** The message id of a polled result on the intake queue. */
    public String messageId(String body) throws Exception {
        return "EIA:" + json.readTree(body).path("resultId").asText("?");
    }
}
