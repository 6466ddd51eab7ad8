package cn.approvalbridge.notification.function;

import static cn.approvalbridge.notification.function.Fixtures.codeAssigned;
import static cn.approvalbridge.notification.function.Fixtures.flush;
import static cn.approvalbridge.notification.function.Fixtures.mobile;
import static cn.approvalbridge.notification.function.Fixtures.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import cn.approvalbridge.notification.CrashingLedgerWrites;
import cn.approvalbridge.notification.CrashingSandbox;
import cn.approvalbridge.notification.SandboxSmsProvider;

/**
 * The process dies in the middle of a send (sandbox provider): after the gateway accepted the SMS but before the ledger
 * said SENT, or after the send slot was reserved but before the gateway got it. Once the send lease is over the
 * gateway is asked about the notification before anything is sent again: the unit's phone gets exactly one SMS.
 */
@QuarkusTest
class InterruptedSendTest {

    @Inject
    MutableClock clock;

    @Inject
    CrashingLedgerWrites ledger;

    @Inject
    CrashingSandbox sandbox;

    private Duration lease;
    private Duration horizon;

    @BeforeEach
    void morning() {
        clock.set(Fixtures.randomMorning());
        lease = ConfigProvider.getConfig().getValue("result-notification.retry.lease", Duration.class);
        horizon = ConfigProvider.getConfig().getValue("result-notification.retry.in-doubt-horizon", Duration.class);
    }

    /** The notifyResult call during which the process dies: the caller sees no answer, the ledger has the row. */
    private static String notifyAndDie(String mobile) {
        Map<String, Object> body = codeAssigned(mobile);
        int code = Fixtures.http().contentType(ContentType.JSON).body(body).when().post("/notifyResult").then().extract()
                .statusCode();
        assertNotEquals(200, code, "the call died with the process");
        return Fixtures.post("notificationStatus", Map.of("eventId", body.get("eventId"))).getString("notificationId");
    }

    private long smsFor(String mobile, String notificationId) {
        return sandbox.messages(mobile).stream().filter(m -> notificationId.equals(m.notificationId)).count();
    }

    @Test
    void acceptedByTheGatewayBeforeTheCrashIsRecordedSentAndNotSentAgain() {
        String m = SandboxSmsProvider.NO_RECEIPT; // accepted, no delivery report: the ledger's last word is SENT
        ledger.dieBeforeSent(m);
        String id = notifyAndDie(m);
        assertEquals(1, smsFor(m, id), "the gateway accepted the SMS before the crash");
        assertEquals("ACCEPTED", status(id).getString("status"));

        clock.advance(lease.minusSeconds(1));
        flush();
        assertEquals("ACCEPTED", status(id).getString("status"), "the lease is not over: nothing done");

        clock.advance(Duration.ofSeconds(2));
        flush();
        JsonPath s = status(id);
        assertEquals("SENT", s.getString("status"), s.prettify());
        assertEquals("sandbox", s.getString("provider"));
        assertTrue(s.getString("history[-1].detail").contains("not sent again"), s.prettify());
        clock.advance(Duration.ofHours(2));
        flush();
        assertEquals(1, smsFor(m, id), "exactly one SMS on the unit's phone");
        assertEquals("SENT", status(id).getString("status"));
    }

    @Test
    void notAtTheGatewayIsSentOnceWhenTheLeaseIsOver() {
        String m = mobile();
        sandbox.dieBeforeSend(m);
        String id = notifyAndDie(m);
        assertEquals(0, smsFor(m, id), "the process died before the gateway got the SMS");

        clock.advance(lease.plusSeconds(1));
        flush();
        JsonPath s = status(id);
        assertEquals("DELIVERED", s.getString("status"), s.prettify());
        clock.advance(Duration.ofHours(2));
        flush();
        assertEquals(1, smsFor(m, id), "sent once on the retry");
    }

    @Test
    void aGatewayThatCannotTellKeepsTheSendInDoubtUntilTheHorizonThenSends() {
        String m = SandboxSmsProvider.QUERY_FAILURE;
        ledger.dieBeforeSent(m);
        String id = notifyAndDie(m);
        assertEquals(1, smsFor(m, id));

        clock.advance(lease.plusSeconds(1));
        flush();
        JsonPath s = status(id);
        assertEquals("ACCEPTED", s.getString("status"), s.prettify());
        assertTrue(s.getString("history[-1].detail").contains("in doubt"), s.prettify());
        clock.advance(horizon.minus(lease).minusMinutes(2));
        flush();
        assertEquals(1, smsFor(m, id), "not sent blind while the horizon lasts");

        clock.advance(Duration.ofMinutes(3));
        flush();
        assertEquals("DELIVERED", status(id).getString("status"));
        assertEquals(2, smsFor(m, id), "after the horizon it is sent again: a duplicate rather than none");
    }
}
