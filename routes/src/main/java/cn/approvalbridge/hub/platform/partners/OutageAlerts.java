package cn.approvalbridge.hub.platform.partners;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.notice.Notices;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;

import io.quarkus.scheduler.Scheduled;

/**
 * Operators are told once per outage, not once per failed message: when a partner has been down for
 * hub.partners.alert.after (PARTNER_DOWN), and when it answers again (PARTNER_RECOVERED), by SMS through the
 * notification function to the partner's duty mobile and the hub operator's (hub.partners.alert.operator-mobile). The
 * eventIds are made of the partner and the outage's start, so a repeated alert is sent once. Each replica has its own
 * breakers; the outage they report is one row (hub_partner_outage): the first replica whose breaker is due an alert
 * opens it and sends PARTNER_DOWN, the first that sees the partner answer again closes it and sends PARTNER_RECOVERED,
 * both under the outage's first start, so N replicas tell the operators once.
 */
@ApplicationScoped
public class OutageAlerts {

    private static final Logger LOG = Logger.getLogger(OutageAlerts.class);
    /** Whether an outage is still seen is real time (like the leases), not the sandbox's shifted business time. */
    private static final Clock REAL_TIME = Clock.systemUTC();

    @Inject
    PartnerBreakers breakers;

    @Inject
    Notices notices;

    @Inject
    ProducerTemplate producer;

    @Inject
    Config config;

    @Inject
    Db db;

    @ConfigProperty(name = "hub.partners.alert.check-every")
    Duration checkEvery;

    @Scheduled(every = "{hub.partners.alert.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        OffsetDateTime real = OffsetDateTime.now(REAL_TIME);
        for (PartnerStatus p : breakers.statuses()) {
            if (p.downSince() != null) {
                seen(p.name(), real);
            }
        }
        for (Map.Entry<String, Instant> down : breakers.alertsDue().entrySet()) {
            if (opened(down.getKey(), down.getValue(), real)) {
                send("PARTNER_DOWN", down.getKey(), down.getValue());
            } else {
                LOG.debugf("Partner %s: another replica told the operators of this outage", down.getKey());
            }
        }
    }

    void recovered(String partner, Instant downSince) {
        closed(partner).ifPresent(since -> send("PARTNER_RECOVERED", partner, since));
    }

    /** This replica's breaker still sees the partner down: its open outage stays current. */
    private void seen(String partner, OffsetDateTime real) {
        try {
            db.inTransaction(c -> Db.update(c, "UPDATE hub_partner_outage SET seen_at = ? WHERE partner = ? "
                    + "AND recovered_at IS NULL", real, partner));
        } catch (Db.StoreException e) {
            LOG.debugf(e, "Partner %s: outage not marked seen", partner);
        }
    }

    /**
     * Opens the partner's outage unless one is open and current (another replica reported it and still sees it):
     * true when this call opened it. Open but seen by nobody for three checks: its replicas are gone, it is over.
     */
    private boolean opened(String partner, Instant since, OffsetDateTime real) {
        OffsetDateTime at = since.atOffset(ZoneOffset.UTC);
        OffsetDateTime stale = real.minus(checkEvery.multipliedBy(3));
        try {
            if (db.inTransaction(c -> Db.update(c, "UPDATE hub_partner_outage SET down_since = ?, seen_at = ?, "
                    + "recovered_at = NULL WHERE partner = ? AND (recovered_at IS NOT NULL OR seen_at < ?)", at, real,
                    partner, stale)) == 1) {
                return true;
            }
            return db.inTransaction(c -> Db.list(c, "SELECT 1 FROM hub_partner_outage WHERE partner = ?", rs -> 1, partner)
                    .isEmpty() && Db.update(c, "INSERT INTO hub_partner_outage (partner, down_since, seen_at) "
                            + "VALUES (?, ?, ?)", partner, at, real) == 1);
        } catch (Db.StoreException e) {
            if (Db.isDuplicateKey(e)) {
                return false;
            }
            // the store is down too: better an alert twice than none
            LOG.warnf(e, "Partner %s: outage not recorded; alerting anyway", partner);
            return true;
        }
    }

    /** Closes the partner's open outage; its start when this call closed it, empty when none was open. */
    private Optional<Instant> closed(String partner) {
        OffsetDateTime now = OffsetDateTime.now(REAL_TIME);
        try {
            return db.inTransaction(c -> {
                Optional<Instant> since = Db.one(c, "SELECT down_since FROM hub_partner_outage WHERE partner = ? "
                        + "AND recovered_at IS NULL FOR UPDATE", rs -> Db.time(rs, "down_since").toInstant(), partner);
                if (since.isPresent() && Db.update(c, "UPDATE hub_partner_outage SET recovered_at = ? WHERE partner = ? "
                        + "AND recovered_at IS NULL", now, partner) == 1) {
                    return since;
                }
                return Optional.empty();
            });
        } catch (Db.StoreException e) {
            LOG.warnf(e, "Partner %s: outage not closed in the store", partner);
            return Optional.empty();
        }
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
