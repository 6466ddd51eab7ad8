package cn.approvalbridge.hub.platform.store;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;

/**
 * Claim before send: a partner call is made by the one delivery that claimed its key (the message id, or a step's own
 * key such as a registration's declaration), so two copies of a message consumed at once, on one replica or two, call
 * once. Checking "already done?" alone let both through. A copy that finds the claim held waits on the broker
 * ({@link HeldElsewhere} is retried later) and then finds the work done; a claim whose holder crashed is taken over
 * after hub.partners.claim-lease; a failed call gives its claim back at once.
 */
@ApplicationScoped
public class SendClaims {

    /** Exchange property: the outcome of {@link #claim}, {@code SEND} or {@code SENT} (the partner has it: no call). */
    public static final String OUTCOME = "HubSendClaim";

    /** Another delivery is calling the partner with the same key right now: this one comes back later. */
    public static class HeldElsewhere extends RuntimeException {
        public HeldElsewhere(String partner, String key) {
            super("the call to " + partner + " for " + key + " is being made by another delivery: retried later", null,
                    false, false);
        }
    }

    @Inject
    Db db;

    @Inject
    Clock clock;

    @ConfigProperty(name = "hub.partners.claim-lease", defaultValue = "60s")
    Duration lease;

    /** The key a call is claimed under: the step's own (HubHeaders.CLAIM_KEY) or the message id. */
    public static String key(Exchange exchange) {
        String own = exchange.getProperty(HubHeaders.CLAIM_KEY, String.class);
        return own != null ? own : exchange.getProperty(HubHeaders.MESSAGE_ID, String.class);
    }

    /** Claims the exchange's call; sets {@link #OUTCOME}; throws {@link HeldElsewhere} while another delivery holds it. */
    public void claim(Exchange exchange) {
        String partner = exchange.getProperty(HubHeaders.PARTNER, String.class);
        String key = key(exchange);
        String holder = exchange.getExchangeId();
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ChinaTime.ZONE));
        String outcome;
        try {
            outcome = db.inTransaction(c -> Db.update(c, "INSERT INTO hub_send_claim (partner, claim_key, holder, "
                    + "claimed_until) VALUES (?, ?, ?, ?)", partner, key, holder, now.plus(lease)) == 1 ? "SEND" : null);
        } catch (Db.StoreException e) {
            if (!Db.isDuplicateKey(e)) {
                throw e;
            }
            outcome = null;
        }
        if (outcome == null) {
            outcome = db.inTransaction(c -> {
                if (Db.update(c, "UPDATE hub_send_claim SET holder = ?, claimed_until = ? WHERE partner = ? AND claim_key = ? "
                        + "AND sent_at IS NULL AND (holder = ? OR claimed_until < ?)", holder, now.plus(lease), partner, key,
                        holder, now) == 1) {
                    return "SEND";
                }
                return Db.one(c, "SELECT sent_at FROM hub_send_claim WHERE partner = ? AND claim_key = ?",
                        rs -> rs.getObject(1) != null ? "SENT" : "HELD", partner, key).orElse("HELD");
            });
        }
        if (outcome.equals("HELD")) {
            throw new HeldElsewhere(partner, key);
        }
        exchange.setProperty(OUTCOME, outcome);
    }

    /** The partner took the call: no copy of the message calls again. */
    public void sent(Exchange exchange) {
        String partner = exchange.getProperty(HubHeaders.PARTNER, String.class);
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ChinaTime.ZONE));
        db.inTransaction(c -> Db.update(c, "UPDATE hub_send_claim SET sent_at = ? WHERE partner = ? AND claim_key = ? "
                + "AND holder = ?", now, partner, key(exchange), exchange.getExchangeId()));
    }

    /** The call failed (or never started): its claim is given back, so the message's retry may call. */
    public void release(Exchange exchange) {
        if (exchange.getProperty(OUTCOME) == null) {
            return;
        }
        String partner = exchange.getProperty(HubHeaders.PARTNER, String.class);
        db.inTransaction(c -> Db.update(c, "DELETE FROM hub_send_claim WHERE partner = ? AND claim_key = ? AND holder = ? "
                + "AND sent_at IS NULL", partner, key(exchange), exchange.getExchangeId()));
    }
}
