package cn.approvalbridge.notification;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.support.FieldError;
import cn.approvalbridge.support.Mobile;
import cn.approvalbridge.support.ProjectCode;

/**
 * Tells the project unit, by SMS, that a milestone was reached. The functions and the hub call this bean in-process.
 * <p>
 * Order of the rules: eventId first (a known eventId answers DUPLICATE whatever the rest says), then validation
 * (REJECTED: nothing is stored, so a corrected request may reuse the eventId), then the ledger insert, whose unique
 * constraint decides among concurrent callers, then quiet hours and limits (DEFERRED), then the providers in failover
 * order (all failing: DEFERRED with a back-off, retried by {@link #flushDeferred()}).
 */
@ApplicationScoped
public class NotificationService {

    private static final Logger LOG = Logger.getLogger(NotificationService.class);
    static final int MAX_EVENT_ID = 128;

    @Inject
    NotificationConfig config;

    @Inject
    TemplateCatalog templates;

    @Inject
    NotificationLedger ledger;

    @Inject
    SmsProviders providers;

    @Inject
    Clock clock;

    private final ObjectMapper mapper = new ObjectMapper();
    private SendPolicy policy;

    @PostConstruct
    void init() {
        policy = new SendPolicy(config.quietHours().start(), config.quietHours().end(),
                config.limits().sameEventInterval(), config.limits().dailyPerNumber());
    }

    public NotifyResultResponse notify(NotifyResultRequest request) {
        NotifyResultRequest req = request == null ? new NotifyResultRequest() : request;
        String eventId = trim(req.eventId);
        if (eventId == null) {
            return rejected(null, List.of(new FieldError("eventId", "required", "eventId is the idempotency key and is required")));
        }
        if (eventId.length() > MAX_EVENT_ID) {
            return rejected(eventId, List.of(new FieldError("eventId", "too_long", "eventId has at most " + MAX_EVENT_ID + " characters")));
        }
        Optional<NotificationRow> seen = ledger.findByEventId(eventId);
        if (seen.isPresent()) {
            return duplicate(seen.get());
        }

        List<FieldError> errors = new ArrayList<>();
        String event = trim(req.event);
        NotificationTemplate template = null;
        if (event == null) {
            errors.add(new FieldError("event", "required", "event is required, one of " + new TreeSet<>(templates.all().keySet())));
        } else {
            template = templates.get(event);
            if (template == null) {
                errors.add(new FieldError("event", "unknown_event",
                        "unknown event " + event + "; known: " + new TreeSet<>(templates.all().keySet())));
            }
        }
        String mobile = null;
        if (trim(req.mobile) == null) {
            errors.add(new FieldError("mobile", "required", "the project unit's mobile number is required"));
        } else {
            Optional<String> normalised = Mobile.normalise(req.mobile);
            if (normalised.isEmpty()) {
                errors.add(new FieldError("mobile", "invalid_mobile",
                        "must be a mainland mobile number ^1[3-9]\\d{9}$ (after dropping +86, 0086, 86, spaces, dashes)"));
            } else {
                mobile = normalised.get();
            }
        }
        String projectCode = trim(req.projectCode);
        if (projectCode != null) {
            errors.addAll(ProjectCode.verify(projectCode, "projectCode").errors());
        }
        String projectName = trim(req.projectName);
        String text = null;
        Map<String, String> used = Map.of();
        if (template != null) {
            Map<String, String> values = new LinkedHashMap<>();
            if (req.params != null) {
                req.params.forEach((k, v) -> {
                    if (k != null && v != null && !v.isBlank() && !k.equals("projectCode") && !k.equals("projectName")) {
                        values.put(k, v.trim());
                    }
                });
            }
            if (projectCode != null) {
                values.put("projectCode", projectCode);
            }
            if (projectName != null) {
                values.put("projectName", projectName);
            }
            List<String> missing = new ArrayList<>();
            for (String name : template.placeholders()) {
                if (!values.containsKey(name)) {
                    missing.add(name);
                    String field = name.equals("projectCode") || name.equals("projectName") ? name : "params." + name;
                    errors.add(new FieldError(field, "missing_placeholder",
                            "the " + event + " template needs {" + name + "}"));
                }
            }
            if (missing.isEmpty()) {
                used = template.select(values);
                text = "【" + config.signName() + "】" + template.render(values);
                if (SmsText.length(text) > SmsText.MAX_CHARACTERS) {
                    errors.add(new FieldError("text", "too_long", "the message would be " + SmsText.length(text)
                            + " characters, signature included; at most " + SmsText.MAX_CHARACTERS));
                }
            }
        }
        if (!errors.isEmpty()) {
            LOG.infof("notification %s to %s rejected: %s", eventId, Mobile.mask(req.mobile),
                    errors.stream().map(e -> e.field() + ":" + e.code()).toList());
            return rejected(eventId, errors);
        }

        long now = clock.millis();
        NotificationRow row = new NotificationRow();
        row.notificationId = UUID.randomUUID().toString();
        row.eventId = eventId;
        row.event = event;
        row.mobile = mobile;
        row.projectCode = projectCode;
        row.projectName = projectName;
        row.rateKey = event + "|" + (projectCode == null ? "" : projectCode);
        row.text = text;
        row.parts = SmsText.parts(text);
        row.templateValues = json(used);
        row.urgent = req.urgent;
        row.status = NotificationStatus.ACCEPTED;
        // If this process dies before the send is recorded, flushDeferred picks the row up after the lease.
        row.dueAtMs = now + config.retry().lease().toMillis();
        row.createdAtMs = now;
        try {
            ledger.insert(row, req.urgent ? "urgent" : null);
        } catch (DuplicateEventIdException e) {
            // Lost the race to a concurrent caller with the same eventId: it sends, this one does not.
            return duplicate(ledger.findByEventId(eventId).orElseThrow());
        }
        LOG.infof("notification %s (event %s, eventId %s) to %s accepted, %d part(s)", row.notificationId, event, eventId,
                Mobile.mask(mobile), row.parts);
        return answer(row, dispatch(row));
    }

    /** Sends every notification that has come due (deferred ones, failed attempts, sends whose process died). */
    public FlushResult flushDeferred() {
        FlushResult result = new FlushResult();
        long now = clock.millis();
        for (NotificationRow row : ledger.findDue(now, config.flush().batchSize())) {
            if (!ledger.claim(row, now + config.retry().lease().toMillis(), now)) {
                continue; // another flusher has it
            }
            result.due++;
            Outcome outcome = dispatch(row);
            if (row.status == NotificationStatus.FAILED) {
                result.failed++;
            } else if (outcome == Outcome.SENT) {
                result.sent++;
            } else {
                result.deferred++;
            }
        }
        return result;
    }

    public NotificationStatusResponse status(NotificationStatusRequest request) {
        NotificationStatusResponse response = new NotificationStatusResponse();
        String notificationId = request == null ? null : trim(request.notificationId);
        String eventId = request == null ? null : trim(request.eventId);
        Optional<NotificationRow> row;
        if (notificationId != null) {
            row = ledger.findById(notificationId);
        } else if (eventId != null) {
            row = ledger.findByEventId(eventId);
        } else {
            response.errors.add(new FieldError("eventId", "required", "give eventId or notificationId"));
            return response;
        }
        if (row.isEmpty()) {
            response.errors.add(notificationId != null
                    ? new FieldError("notificationId", "not_found", "no notification " + notificationId)
                    : new FieldError("eventId", "not_found", "no notification for eventId " + eventId));
            return response;
        }
        NotificationRow r = row.get();
        response.notificationId = r.notificationId;
        response.eventId = r.eventId;
        response.event = r.event;
        response.mobile = Mobile.mask(r.mobile);
        response.status = r.status;
        response.provider = r.provider;
        response.sendAfter = r.status == NotificationStatus.DEFERRED && r.sendAfterMs != null ? Times.iso(r.sendAfterMs) : null;
        response.attempts = r.attempts;
        response.history = ledger.history(r.notificationId);
        return response;
    }

    /** Alibaba Cloud delivery reports: matched on biz_id (BizId answered at send time), else out_id (our notificationId). */
    public AliyunReportAnswer aliyunReports(List<AliyunSmsReport> reports) {
        long now = clock.millis();
        for (AliyunSmsReport report : reports == null ? List.<AliyunSmsReport>of() : reports) {
            if (report == null) {
                continue;
            }
            Optional<NotificationRow> row = Optional.empty();
            if (trim(report.bizId) != null) {
                row = ledger.findByProviderMessage(AliyunSmsProvider.NAME, report.bizId.trim());
            }
            if (row.isEmpty() && trim(report.outId) != null) {
                row = ledger.findById(report.outId.trim());
            }
            boolean delivered = Boolean.TRUE.equals(report.success);
            String detail = "aliyun report " + (delivered ? "DELIVERED" : "FAILED") + " err_code=" + report.errCode
                    + (report.errMsg == null ? "" : " err_msg=" + report.errMsg) + " report_time=" + report.reportTime;
            receipt(row, delivered, detail, "aliyun biz_id " + report.bizId, report.phoneNumber, now);
        }
        return new AliyunReportAnswer(0, "成功");
    }

    /** Tencent Cloud delivery reports: matched on sid (the SerialNo answered at send time). */
    public TencentReportAnswer tencentReports(List<TencentSmsReport> reports) {
        long now = clock.millis();
        for (TencentSmsReport report : reports == null ? List.<TencentSmsReport>of() : reports) {
            if (report == null) {
                continue;
            }
            Optional<NotificationRow> row = trim(report.sid) == null ? Optional.empty()
                    : ledger.findByProviderMessage(TencentSmsProvider.NAME, report.sid.trim());
            boolean delivered = "SUCCESS".equalsIgnoreCase(trim(report.reportStatus));
            String detail = "tencent report " + report.reportStatus + " errmsg=" + report.errmsg
                    + (report.description == null ? "" : " description=" + report.description)
                    + " user_receive_time=" + report.userReceiveTime;
            receipt(row, delivered, detail, "tencent sid " + report.sid, report.mobile, now);
        }
        return new TencentReportAnswer(0, "OK");
    }

    private void receipt(Optional<NotificationRow> row, boolean delivered, String detail, String key, String mobile, long now) {
        if (row.isEmpty()) {
            // Answer success anyway: the provider would retry a report we can never match.
            LOG.warnf("delivery report for unknown message (%s, %s) ignored", key, Mobile.mask(mobile));
            return;
        }
        NotificationStatus outcome = delivered ? NotificationStatus.DELIVERED : NotificationStatus.FAILED;
        boolean moved = ledger.applyReceipt(row.get().notificationId, outcome, SmsText.scrub(detail), now);
        LOG.infof("notification %s to %s: %s%s", row.get().notificationId, Mobile.mask(row.get().mobile), outcome,
                moved ? "" : " (report repeated or late, status unchanged)");
    }

    /** Decides the send slot under the number's lock, then sends outside it. */
    Outcome dispatch(NotificationRow row) {
        long now = clock.millis();
        ledger.ensureLockRow(row.mobile);
        SendPolicy.Decision decision = ledger.inTransaction(c -> {
            ledger.lockMobile(c, row.mobile);
            SendPolicy.Decision d = policy.decide(Instant.ofEpochMilli(now), row.urgent, new SendPolicy.SendHistory() {
                @Override
                public Long lastSameEvent(long fromMs, long toMs) {
                    return sql(() -> ledger.lastSent(c, row.mobile, row.rateKey, fromMs, toMs));
                }

                @Override
                public int countSent(long fromMs, long toMs) {
                    return sql(() -> ledger.countSent(c, row.mobile, fromMs, toMs));
                }
            });
            if (d.deferred()) {
                long until = d.sendAt().toEpochMilli();
                ledger.defer(c, row, until, row.lastError, String.join(",", d.reasons()) + " until " + Times.iso(until), now);
            } else {
                ledger.reserve(c, row, now, now + config.retry().lease().toMillis());
            }
            return d;
        });
        if (decision.deferred()) {
            LOG.infof("notification %s to %s deferred until %s (%s)", row.notificationId, Mobile.mask(row.mobile),
                    Times.iso(decision.sendAt()), String.join(",", decision.reasons()));
            return Outcome.DEFERRED;
        }

        row.attempts++;
        SmsMessage message = new SmsMessage(row.notificationId, row.event, row.mobile, config.signName(), row.text,
                values(row), templates.get(row.event) != null ? templates.get(row.event) : fallbackTemplate(row), row.attempts);
        List<String> failures = new ArrayList<>();
        for (SmsProvider provider : providers.chain()) {
            try {
                SmsSendResult sent = provider.send(message);
                String detail = provider.name() + " " + sent.messageId()
                        + (failures.isEmpty() ? "" : " after failover from " + String.join("; ", failures));
                ledger.markSent(row, sent, detail, clock.millis());
                LOG.infof("notification %s to %s sent by %s (attempt %d)", row.notificationId, Mobile.mask(row.mobile),
                        provider.name(), row.attempts);
                if (sent.immediateOutcome() != null) {
                    ledger.applyReceipt(row.notificationId, sent.immediateOutcome(), sent.detail(), clock.millis());
                    row.status = sent.immediateOutcome();
                }
                return Outcome.SENT;
            } catch (SmsProviderException e) {
                failures.add(e.getMessage());
                LOG.warnf("notification %s to %s: provider %s failed: %s", row.notificationId, Mobile.mask(row.mobile),
                        provider.name(), e.getMessage());
            } catch (RuntimeException e) {
                String message2 = provider.name() + " " + e.getClass().getSimpleName() + ": " + SmsText.scrub(e.getMessage());
                failures.add(message2);
                LOG.warnf("notification %s to %s: provider %s failed: %s", row.notificationId, Mobile.mask(row.mobile),
                        provider.name(), message2);
            }
        }

        long failedAt = clock.millis();
        String error = String.join("; ", failures);
        if (row.attempts >= config.retry().maxAttempts()) {
            ledger.fail(row, error, "every provider failed " + row.attempts + " times: " + error, failedAt);
            LOG.errorf("notification %s to %s given up after %d attempts: %s", row.notificationId, Mobile.mask(row.mobile),
                    row.attempts, error);
            return Outcome.DEFERRED;
        }
        long until = failedAt + backoff(row.attempts).toMillis();
        ledger.inTransaction(c -> {
            ledger.defer(c, row, until, error, "provider_error, retry " + row.attempts + " at " + Times.iso(until) + ": " + error,
                    failedAt);
            return null;
        });
        LOG.warnf("notification %s to %s: every provider failed, retry at %s", row.notificationId, Mobile.mask(row.mobile),
                Times.iso(until));
        return Outcome.DEFERRED;
    }

    /** 1 min, 2, 4, … capped at the configured maximum. */
    Duration backoff(int attempts) {
        Duration d = config.retry().initialDelay();
        for (int i = 1; i < attempts && d.compareTo(config.retry().maxDelay()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(config.retry().maxDelay()) > 0 ? config.retry().maxDelay() : d;
    }

    /** A template removed from the file after the notification was accepted: send the stored text as it was. */
    private NotificationTemplate fallbackTemplate(NotificationRow row) {
        return new NotificationTemplate(row.event, row.text, null, null, List.of());
    }

    private NotifyResultResponse answer(NotificationRow row, Outcome outcome) {
        NotifyResultResponse r = new NotifyResultResponse();
        r.outcome = outcome;
        r.notificationId = row.notificationId;
        r.text = row.text;
        r.parts = row.parts;
        if (row.status == NotificationStatus.DEFERRED && row.sendAfterMs != null) {
            r.sendAfter = Times.iso(row.sendAfterMs);
        }
        return r;
    }

    private NotifyResultResponse duplicate(NotificationRow row) {
        LOG.infof("notification %s: eventId %s seen before (status %s), not sent again", row.notificationId, row.eventId,
                row.status);
        return answer(row, Outcome.DUPLICATE);
    }

    private static NotifyResultResponse rejected(String eventId, List<FieldError> errors) {
        NotifyResultResponse r = new NotifyResultResponse();
        r.outcome = Outcome.REJECTED;
        r.errors = new ArrayList<>(errors);
        return r;
    }

    private Map<String, String> values(NotificationRow row) {
        try {
            return mapper.readValue(row.templateValues, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Map<String, String> values) {
        try {
            return mapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private static <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new IllegalStateException(SmsText.scrub(e.getMessage()), e);
        }
    }
}
