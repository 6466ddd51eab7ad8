package cn.approvalbridge.hub.platform.store;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes the claims of partner calls made longer than hub.partners.claim-retention ago ({@link SendClaims}): a claim
 * marked sent only has to outlive every copy of its message that may still arrive, and a copy is retried for at most
 * hub.partners.retry.horizon (72 h) after its first failure, so the retention (7 days) must be longer — checked at
 * start, for each partner's own horizon too. A claim not marked sent (a call in flight, or one whose holder died and
 * whose message may still come back) is never deleted. One replica sweeps (lease {@code send-claim-sweep}); times are
 * the hub's clock, the one the claims were stamped with.
 */
@ApplicationScoped
public class SendClaimSweep {

    private static final Logger LOG = Logger.getLogger(SendClaimSweep.class);

    @Inject
    Db db;

    @Inject
    Clock clock;

    @Inject
    Leases leases;

    @Inject
    Config config;

    @ConfigProperty(name = "hub.partners.claim-retention", defaultValue = "7d")
    Duration retention;

    void checkAtStart(@Observes StartupEvent start) {
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("hub.partners.") && name.endsWith("retry.horizon")) {
                Duration horizon;
                try {
                    horizon = config.getOptionalValue(name, Duration.class).orElse(Duration.ZERO);
                } catch (RuntimeException unresolved) {
                    continue; // not set in this profile: the key's own check names it where it is used
                }
                if (retention.compareTo(horizon) <= 0) {
                    throw new IllegalStateException("hub.partners.claim-retention (" + retention + ") must be longer "
                            + "than " + name + " (" + horizon + "): a copy of a message retried until then must still "
                            + "find its call's claim, or the partner is called again");
                }
            }
        }
    }

    @Scheduled(every = "{hub.partners.claim-sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "60s")
    void scheduled() {
        if (leases.hold("send-claim-sweep")) {
            int deleted = sweep();
            if (deleted > 0) {
                LOG.debugf("%d sent claims older than %s deleted", deleted, retention);
            }
        }
    }

    /** Deletes the claims marked sent before the retention; answers how many. */
    public int sweep() {
        OffsetDateTime before = OffsetDateTime.now(clock.withZone(ChinaTime.ZONE)).minus(retention);
        return db.inTransaction(c -> Db.update(c, "DELETE FROM hub_send_claim WHERE sent_at IS NOT NULL AND sent_at < ?",
                before));
    }
}
