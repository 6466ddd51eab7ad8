package cn.approvalbridge.hub.platform.partners;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The hub's circuit breakers, one per partner system, and the count of messages waiting for each on the broker. Own
 * code rather than smallrye-fault-tolerance's @CircuitBreaker: that one guards a method and rejects calls while open,
 * but here an open breaker must turn a message into a delayed re-send on the broker, a partner is known only at run
 * time (one per department, per provider), and operators need its state, waiting count and last error, which the
 * annotation does not expose. Settings per partner: hub.partners.&lt;partner&gt;.breaker.*, else hub.partners.breaker.*.
 */
@ApplicationScoped
public class PartnerBreakers {

    private static final Logger LOG = Logger.getLogger(PartnerBreakers.class);

    @Inject
    Config config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();

    /** Settings read once (see setting): the configuration does not change while the hub runs. */
    private final Map<String, Object> settings = new ConcurrentHashMap<>();

    /** Thrown instead of calling a partner whose breaker is open: the message waits on the broker, not in a thread. */
    public static class PartnerUnavailable extends RuntimeException {
        public PartnerUnavailable(String partner) {
            super("circuit breaker of " + partner + " is open: not called, retried later", null, false, false);
        }
    }

    /**
     * A partner setting: hub.partners.&lt;partner&gt;.&lt;key&gt; or the default hub.partners.&lt;key&gt;. Read once per
     * partner and key (the configuration does not change while the hub runs; this is asked on every partner call).
     */
    public <T> T setting(String partner, String key, Class<T> type) {
        return type.cast(settings.computeIfAbsent(partner + "/" + key + "/" + type.getName(),
                k -> config.getOptionalValue("hub.partners." + partner + "." + key, type)
                        .orElseGet(() -> config.getValue("hub.partners." + key, type))));
    }

    /** Before a call to the partner: throws PartnerUnavailable while its breaker is open. */
    public void admit(String partner) {
        if (!breaker(partner).admit(clock.instant(), setting(partner, "breaker.cool-down", Duration.class))) {
            throw new PartnerUnavailable(partner);
        }
    }

    /** The partner took a message: its breaker closes, the message no longer waits. */
    public void succeeded(String partner, String messageId) {
        Breaker b = breaker(partner);
        Breaker.State before = b.state();
        Instant toldOperators = b.succeeded(clock.instant());
        if (before != Breaker.State.CLOSED) {
            LOG.infof("Partner %s answers again: circuit breaker closed", partner);
        }
        if (messageId != null) {
            b.waiting.remove(messageId);
        }
        if (toldOperators != null) {
            alerts().recovered(partner, toldOperators);
        }
    }

    /** A call failed for a reason that may pass (down, timeout, 5xx, 408, 429). */
    public void failed(String partner, String error) {
        Breaker b = breaker(partner);
        Breaker.State before = b.state();
        b.failed(clock.instant(), error, setting(partner, "breaker.failure-threshold", Integer.class));
        if (before != Breaker.State.OPEN && b.state() == Breaker.State.OPEN) {
            LOG.warnf("Partner %s: circuit breaker open after %s", partner, error);
        }
    }

    /** The message waits on the broker for the partner (a delayed re-send), first failed at {@code firstFailure}. */
    public void waiting(String partner, String messageId, Instant firstFailure) {
        breaker(partner).waiting.put(messageId, firstFailure);
    }

    /** The message stopped waiting without being taken (dead-lettered). */
    public void gaveUp(String partner, String messageId) {
        if (messageId != null) {
            breaker(partner).waiting.remove(messageId);
        }
    }

    public boolean isOpen(String partner) {
        return breaker(partner).state() != Breaker.State.CLOSED;
    }

    /** Makes a partner known before its first message, so operators see it listed. */
    public void known(String partner) {
        breaker(partner);
    }

    public List<PartnerStatus> statuses() {
        return breakers.values().stream().map(Breaker::status).sorted(Comparator.comparing(PartnerStatus::name)).toList();
    }

    /** Partners down for longer than their alert threshold whose operators were not yet told: partner → down since. */
    Map<String, Instant> alertsDue() {
        Instant now = clock.instant();
        Map<String, Instant> due = new java.util.TreeMap<>();
        breakers.values().forEach(b -> {
            Instant down = b.alertDue(now, setting(b.partner, "alert.after", Duration.class));
            if (down != null) {
                due.put(b.partner, down);
            }
        });
        return due;
    }

    private Breaker breaker(String partner) {
        return breakers.computeIfAbsent(partner, p -> {
            Breaker b = new Breaker(p, clock.instant());
            metrics.gauge("hub.partner.breaker.state", io.micrometer.core.instrument.Tags.of("partner", p), b,
                    x -> x.state().ordinal());
            metrics.gauge("hub.partner.waiting", io.micrometer.core.instrument.Tags.of("partner", p), b,
                    x -> x.waiting.size());
            return b;
        });
    }

    private OutageAlerts alerts() {
        return io.quarkus.arc.Arc.container().instance(OutageAlerts.class).get();
    }
}
