package cn.approvalbridge.hub.partners.eia;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;
import cn.approvalbridge.hub.platform.camel.PartnerHeaderFilter;
import cn.approvalbridge.hub.platform.camel.PartnerTls;
import cn.approvalbridge.hub.platform.camel.PartnerUrls;
import cn.approvalbridge.hub.platform.partners.PartnerBreakers;

/**
 * The EIA system polled for its results (EiaPoll: when, from where, the guessed format): on each tick (EiaPoll's
 * {@code @Scheduled}, like the hub's other jobs; this mirror has no camel-timer) the holder of the lease "eia-poll" asks for the results since the watermark and puts each on hub.eia.results, whose consumer hands
 * it to the same intake as the push (stored, taken once by resultId, held until the project reaches the item). The
 * watermark moves only after the page is on the broker, so a crash in between polls the page again (taken once).
 */
@ApplicationScoped
public class EiaPollRoutes extends HubRouteBuilder {

    static final String POLL = "direct:eia-poll";
    private static final String POLLED = "direct:eia-polled-results";

    @Inject
    EiaPoll poll;
    @Inject
    PartnerBreakers breakers;

    @Override
    protected void routes() {
        consume(Queues.EIA_RESULTS, "eia-result-intake", "hub", Queues.DLQ_EIA)
                .bean(EiaPoll.class, "take");
        if (!poll.enabled()) {
            return;
        }
        breakers.known(EiaPoll.PARTNER); // listed in GET /api/v1/partners from the start
        // started by EiaPoll's scheduled tick on the lease holder; its failures end in doCatch, not the error handler
        from(POLL).routeId("eia-poll")
                .errorHandler(noErrorHandler())
                    .doTry()
                        .bean(EiaPoll.class, "request")
                        .bean(PartnerUrls.class, "authorize")
                        // connect 3 s, response 10 s (hub.partners.*), as every partner call: a slower system is down
                        .to("http://" + EiaPoll.PARTNER + "?connectTimeout={{hub.partners.connect-timeout-ms}}"
                                + "&responseTimeout={{hub.partners.response-timeout-ms}}&headerFilterStrategy=#"
                                + PartnerHeaderFilter.NAME + PartnerTls.endpointOption(getContext(), EiaPoll.PARTNER))
                        .removeHeader("Authorization")
                        .setBody(method(EiaPoll.class, "answered"))
                        .to(POLLED)
                        .bean(EiaPoll.class, "advance")
                    .doCatch(Exception.class)
                        .bean(EiaPoll.class, "failed")
                    .end();

        // no error handler of its own: a failed send fails the poll (above), so the watermark does not move
        from(POLLED).routeId("eia-poll-results")
                .errorHandler(noErrorHandler())
                .split(body()).stopOnException()
                    .removeHeaders("*")
                    .setHeader(HubHeaders.MESSAGE_ID, method(EiaPoll.class, "messageId"))
                    .to(Queues.jms(Queues.EIA_RESULTS))
                .end();
    }
}
