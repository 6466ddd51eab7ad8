package cn.approvalbridge.hub.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.TestClock;
import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * hub_send_claim does not grow for ever (issue 12): a claim marked sent is kept for the retention (7 days, past every
 * retry horizon), so a late copy of its message still calls no one, and then swept; a claim in flight, or one left by
 * a holder that died, is never swept, so its message's next copy still cannot call twice.
 */
@QuarkusTest
class SendClaimSweepTest {

    private static final String PARTNER = "test-sweep";

    @Inject
    SendClaims claims;

    @Inject
    SendClaimSweep sweep;

    @Inject
    TestClock clock;

    @Inject
    CamelContext camel;

    @Inject
    Db db;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Exchange copy(String messageId) {
        Exchange e = new DefaultExchange(camel);
        e.setProperty(HubHeaders.PARTNER, PARTNER);
        e.setProperty(HubHeaders.MESSAGE_ID, messageId);
        return e;
    }

    private String outcome(String messageId) {
        Exchange e = copy(messageId);
        claims.claim(e);
        return e.getProperty(SendClaims.OUTCOME, String.class);
    }

    private boolean kept(String messageId) {
        int rows = db.read(c -> Db.value(c, "SELECT COUNT(*) FROM hub_send_claim WHERE partner = ? AND claim_key = ?",
                rs -> rs.getInt(1), PARTNER, messageId));
        return rows == 1;
    }

    @Test
    void sentClaimsGoAfterTheRetentionUnsentOnesNever() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String sent = "sent-" + run;
        String inFlight = "in-flight-" + run;
        String abandoned = "abandoned-" + run;

        Exchange call = copy(sent);
        claims.claim(call);
        claims.sent(call);
        claims.claim(copy(inFlight));
        claims.claim(copy(abandoned)); // its holder "dies": never sent, never released

        // six days on, within the retention: a late copy of the sent message still finds it done, calls no one
        clock.advance(Duration.ofDays(6));
        sweep.sweep();
        assertTrue(kept(sent), "a sent claim within the retention stays");
        assertEquals("SENT", outcome(sent), "a redelivery within the retention is dropped");

        Exchange later = copy("later-" + run);
        claims.claim(later);
        claims.sent(later);

        // eight days after the first calls: the sent claim goes, the one sent two days ago stays
        clock.advance(Duration.ofDays(2));
        assertTrue(sweep.sweep() >= 1);
        assertTrue(!kept(sent), "the sent claim past the retention is deleted");
        assertTrue(kept("later-" + run), "a claim sent within the retention stays");
        assertTrue(kept(inFlight), "a claim in flight is never deleted");
        assertTrue(kept(abandoned), "an abandoned claim is never deleted");
        // the in-flight claim's lease ran out (its holder is gone): the message's next copy takes it over, once
        Exchange next = copy(abandoned);
        claims.claim(next);
        assertEquals("SEND", next.getProperty(SendClaims.OUTCOME, String.class));
        assertThrows(SendClaims.HeldElsewhere.class, () -> claims.claim(copy(abandoned)),
                "while the next copy calls, another copy waits");
    }
}
