package cn.approvalbridge.hub.platform.partners;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.notice.Notices;
import cn.approvalbridge.support.ChinaTime;

import io.quarkus.scheduler.Scheduled;

/**
 * Operators are told once per outage, not once per failed message: when a partner has been down for
 * hub.partners.alert.after (PARTNER_DOWN), and when it answers again (PARTNER_RECOVERED), by SMS through the
 * notification function to the partner's duty mobile and the hub operator's (hub.partners.alert.operator-mobile). The
 * eventIds are made of the partner and the outage's start, so a repeated alert is sent once.
 */
@ApplicationScoped
public class OutageAlerts {

    private static final Logger LOG = Logger.getLogger(OutageAlerts.class);

    @Inject
    PartnerBreakers breakers;

    @Inject
    Notices notices;

    @Inject
    ProducerTemplate producer;

    @Inject
    Config config;

    @Scheduled(every = "{hub.partners.alert.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        for (Map.Entry<String, Instant> down : breakers.alertsDue().entrySet()) {
            send("PARTNER_DOWN", down.getKey(), down.getValue());
        }
    }

    void recovered(String partner, Instant downSince) {
        send("PARTNER_RECOVERED", partner, downSince);
    }

    private void send(String event, String partner, Instant downSince) {
        String since = downSince.atZone(ChinaTime.ZONE).toLocalDateTime().withNano(0).toString().replace('T', ' ');
        for (String mobile : mobiles(partner)) {
            String eventId = event + ":" + partner + ":" + downSince.toEpochMilli() + ":" + mobile;
            producer.sendBody(Queues.jms(Queues.NOTIFICATIONS), notices.notice(eventId, event, mobile, null, partner,
                    Map.of("partner", partner, "since", since), null));
        }
        LOG.warnf("Partner %s: %s sent (down since %s)", partner, event, since);
    }

    /** The partner's duty mobile (its own setting, else its department's or utility's) and the hub operator's. */
    private List<String> mobiles(String partner) {
        List<String> out = new ArrayList<>();
        Optional<String> own = config.getOptionalValue("hub.partners." + partner + ".duty-mobile", String.class);
        if (own.isEmpty() && partner.startsWith("department-")) {
            own = config.getOptionalValue("hub.departments." + partner.substring(11) + ".duty-mobile", String.class);
        }
        if (own.isEmpty() && partner.startsWith("utility-")) {
            own = config.getOptionalValue("hub.utilities." + partner.substring(8) + ".duty-mobile", String.class);
        }
        own.filter(m -> !m.isBlank()).ifPresent(out::add);
        config.getOptionalValue("hub.partners.alert.operator-mobile", String.class).filter(m -> !m.isBlank())
                .filter(m -> !out.contains(m)).ifPresent(out::add);
        return out;
    }
}
