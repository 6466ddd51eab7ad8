package cn.approvalbridge.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.support.Db;
import cn.approvalbridge.support.Mobile;

/**
 * The embedded default provider: sends nothing, keeps every accepted message in {@code rn_sandbox_sms} so that tests
 * and people can read what a project unit would have received ({@link #messages(String)}, the sandboxMessages
 * function). Like GOV.UK Notify's test keys, magic numbers simulate what real gateways do:
 * <ul>
 * <li>{@value #TECHNICAL_FAILURE}: the gateway errors on every attempt (failover, then DEFERRED and retried);</li>
 * <li>{@value #PERMANENT_FAILURE}: accepted, then the delivery report says FAILED (number not in service);</li>
 * <li>{@value #NO_RECEIPT}: accepted, no delivery report ever arrives (status stays SENT);</li>
 * <li>{@value #TEMPORARY_FAILURE}: the gateway errors on the first attempt and accepts the retry;</li>
 * <li>{@value #REFUSED}: the gateway refuses the number for good (as isv.MOBILE_NUMBER_ILLEGAL): FAILED at once;</li>
 * <li>{@value #NUMBER_LIMITED}: the first attempt hits the gateway's 30-second limit for the number (as
 * LimitExceeded.PhoneNumberThirtySecondLimit): DEFERRED 30 s, the retry is accepted;</li>
 * <li>{@value #QUERY_FAILURE}: accepted and DELIVERED, but asking the gateway about a message ({@link #find}) errors;</li>
 * <li>any other number: accepted and DELIVERED at once.</li>
 * </ul>
 */
@ApplicationScoped
public class SandboxSmsProvider implements SmsProvider {

    public static final String NAME = "sandbox";
    public static final String TECHNICAL_FAILURE = "13900000001";
    public static final String PERMANENT_FAILURE = "13900000002";
    public static final String NO_RECEIPT = "13900000003";
    public static final String TEMPORARY_FAILURE = "13900000004";
    public static final String REFUSED = "13900000005";
    public static final String NUMBER_LIMITED = "13900000006";
    public static final String QUERY_FAILURE = "13900000007";

    private static final int LATEST = 100;

    @Inject
    Db db;

    @Inject
    Clock clock;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SmsSendResult send(SmsMessage message) throws SmsProviderException {
        String mobile = message.mobile();
        if (TECHNICAL_FAILURE.equals(mobile)) {
            throw new SmsProviderException(NAME, "technical_failure", "sandbox magic number: the gateway always errors");
        }
        if (TEMPORARY_FAILURE.equals(mobile) && message.attempt() <= 1) {
            throw new SmsProviderException(NAME, "temporary_failure", "sandbox magic number: the first attempt errors");
        }
        if (REFUSED.equals(mobile)) {
            throw new SmsProviderException(NAME, "number_refused", "sandbox magic number: the number is refused for good",
                    ProviderErrors.Classified.PERMANENT);
        }
        if (NUMBER_LIMITED.equals(mobile) && message.attempt() <= 1) {
            throw new SmsProviderException(NAME, "number_limit", "sandbox magic number: the 30-second limit for the number",
                    new ProviderErrors.Classified(ProviderErrors.Kind.NUMBER_LIMIT, ProviderErrors.Window.THIRTY_SECONDS));
        }
        NotificationStatus outcome = PERMANENT_FAILURE.equals(mobile) ? NotificationStatus.FAILED
                : NO_RECEIPT.equals(mobile) ? NotificationStatus.SENT : NotificationStatus.DELIVERED;
        String messageId = "sandbox-" + UUID.randomUUID();
        try {
            String values = mapper.writeValueAsString(message.values());
            db.read(c -> Db.update(c, "INSERT INTO rn_sandbox_sms (message_id, notification_id, mobile, "
                    + "sign_name, event, message_text, template_values, outcome, sent_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    messageId, message.notificationId(), mobile, message.signName(), message.event(), message.text(), values,
                    outcome.name(), clock.millis()));
        } catch (Db.StoreException | JsonProcessingException e) {
            throw new SmsProviderException(NAME, "store_error", e.getMessage());
        }
        return new SmsSendResult(NAME, messageId, outcome == NotificationStatus.SENT ? null : outcome,
                outcome == NotificationStatus.FAILED ? "sandbox magic number: not in service" : "sandbox");
    }

    /** The sandbox's QuerySendDetails: the message it accepted for the notification and the number, if any. */
    @Override
    public Optional<SmsSendResult> find(String notificationId, String mobile, long fromMs, long toMs)
            throws SmsProviderException {
        if (QUERY_FAILURE.equals(mobile)) {
            throw new SmsProviderException(NAME, "query_failure", "sandbox magic number: the gateway cannot be asked");
        }
        try {
            return db.read(c -> Db.one(c, "SELECT message_id, outcome FROM rn_sandbox_sms WHERE notification_id = ? "
                    + "AND mobile = ? AND sent_at_ms >= ? AND sent_at_ms <= ?", rs -> {
                        NotificationStatus outcome = NotificationStatus.valueOf(rs.getString(2));
                        return new SmsSendResult(NAME, rs.getString(1), outcome == NotificationStatus.SENT ? null : outcome,
                                "sandbox record");
                    }, notificationId, mobile, fromMs, toMs));
        } catch (Db.StoreException e) {
            throw new SmsProviderException(NAME, "store_error", e.getMessage());
        }
    }

    /**
     * What the sandbox "sent" to {@code mobile} (any written form), oldest first; with a null or blank mobile, the
     * latest {@value #LATEST} messages to anyone. For tests and for the hub, in-process.
     */
    public List<SandboxMessage> messages(String mobile) {
        boolean all = mobile == null || mobile.isBlank();
        Optional<String> number = all ? Optional.empty() : Mobile.normalise(mobile);
        if (!all && number.isEmpty()) {
            return List.of();
        }
        String sql = all
                ? "SELECT * FROM rn_sandbox_sms ORDER BY sandbox_id DESC"
                : "SELECT * FROM rn_sandbox_sms WHERE mobile = ? ORDER BY sandbox_id";
        Object[] args = all ? new Object[0] : new Object[] { number.get() };
        List<SandboxMessage> out;
        try {
            out = db.read(c -> Db.listAtMost(c, all ? LATEST : 0, sql, this::read, args));
        } catch (Db.StoreException e) {
            throw new IllegalStateException("cannot read rn_sandbox_sms: " + e.getMessage(), e.getCause());
        }
        if (all) {
            Collections.reverse(out);
        }
        return out;
    }

    /** How many {@code event} messages the sandbox sent from {@code sinceMs} on, and when the latest went. */
    public record Sent(String event, int count, String lastSentAt) {
    }

    /**
     * A count instead of the messages: what a load test polls while it waits for a flow to finish (reading every
     * number's messages each time would be most of the load).
     */
    public Sent sent(String event, long sinceMs) {
        try {
            return db.read(c -> Db.value(c, "SELECT COUNT(*), MAX(sent_at_ms) FROM rn_sandbox_sms WHERE event = ? "
                    + "AND sent_at_ms >= ?", rs -> new Sent(event, rs.getInt(1), rs.getObject(2) == null ? null
                            : Times.iso(rs.getLong(2))), event, sinceMs));
        } catch (Db.StoreException e) {
            throw new IllegalStateException("cannot read rn_sandbox_sms: " + e.getMessage(), e.getCause());
        }
    }

    private SandboxMessage read(ResultSet rs) throws SQLException {
        SandboxMessage m = new SandboxMessage();
        m.messageId = rs.getString("message_id");
        m.notificationId = rs.getString("notification_id");
        m.mobile = rs.getString("mobile");
        m.signName = rs.getString("sign_name");
        m.event = rs.getString("event");
        m.text = rs.getString("message_text");
        String values = rs.getString("template_values");
        try {
            m.values = values == null ? Map.of() : mapper.readValue(values, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read rn_sandbox_sms: " + e.getMessage(), e);
        }
        m.outcome = rs.getString("outcome");
        m.sentAt = Times.iso(rs.getLong("sent_at_ms"));
        return m;
    }
}
