package cn.approvalbridge.notification;

import static cn.approvalbridge.notification.Fields.trimmed;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import cn.approvalbridge.support.FieldError;
import cn.approvalbridge.support.JsonInput;
import cn.approvalbridge.support.Mobile;

/**
 * Tells the project unit, by SMS, that a milestone was reached. The functions and the hub call this bean in-process.
 * <p>
 * Order of the rules: eventId first (a known eventId answers DUPLICATE whatever the rest says), then validation
 * ({@link NotifyRequestCheck}; REJECTED: nothing is stored, so a corrected request may reuse the eventId), then the
 * ledger insert, whose unique constraint decides among concurrent callers, then quiet hours and limits
 * ({@link SendSlots}; DEFERRED), then the providers in failover order ({@link ProviderFailover}: a permanent provider error
 * FAILED, the provider's limit for the number DEFERRED to its window, all failing transiently DEFERRED with a
 * back-off, retried by {@link #flushDeferred()}). Delivery reports: {@link DeliveryReports}.
 */
@ApplicationScoped
public class NotificationService {

    private static final Logger LOG = Logger.getLogger(NotificationService.class);

    @Inject
    NotificationConfig config;

    @Inject
    NotifyRequestCheck check;

    @Inject
    NotificationLedger ledger;

    @Inject
    LedgerWrites writes;

    @Inject
    SendSlots slots;

    @Inject
    ProviderFailover failover;

    @Inject
    DeliveryReports reports;

    @Inject
    InDoubtSends inDoubt;

    @Inject
    Clock clock;

    public NotifyResultResponse notify(NotifyResultRequest request) {
        NotifyResultRequest req = request == null ? new NotifyResultRequest() : request;
        JsonInput input = new JsonInput();
        String eventId = NotifyRequestCheck.eventId(req, input);
        if (eventId == null) {
            return rejected(input.errors());
        }
        Optional<NotificationRow> seen = ledger.findByEventId(eventId);
        if (seen.isPresent()) {
            return duplicate(seen.get());
        }
        NotificationRow row = check.content(req, input);
        if (row == null) {
            LOG.infof("notification %s to %s rejected: %s", eventId, Mobile.mask(req.mobile),
                    input.errors().stream().map(e -> e.field() + ":" + e.code()).toList());
            return rejected(input.errors());
        }

        long now = clock.millis();
        row.notificationId = UUID.randomUUID().toString();
        row.eventId = eventId;
        row.status = NotificationStatus.ACCEPTED;
        // If this process dies before the send is recorded, flushDeferred picks the row up after the lease.
        row.dueAtMs = now + config.retry().lease().toMillis();
        row.createdAtMs = now;
        try {
            writes.insert(row, req.urgent ? "urgent" : null);
        } catch (DuplicateEventIdException e) {
            // Lost the race to a concurrent caller with the same eventId: it sends, this one does not.
            return duplicate(ledger.findByEventId(eventId).orElseThrow());
        }
        LOG.infof("notification %s (event %s, eventId %s) to %s accepted, %d part(s)", row.notificationId, row.event,
                eventId, Mobile.mask(row.mobile), row.parts);
        return answer(row, dispatch(row));
    }

    /**
     * Sends every notification that has come due (deferred ones, failed attempts, sends whose process died); a send
     * whose process died is first looked up at the providers ({@link InDoubtSends}) so that it does not go twice.
     */
    public FlushResult flushDeferred() {
        FlushResult result = new FlushResult();
        long now = clock.millis();
        for (NotificationRow row : ledger.findDue(now, config.flush().batchSize())) {
            if (!writes.claim(row, now + config.retry().lease().toMillis(), now)) {
                continue; // another flusher has it
            }
            result.due++;
            InDoubtSends.Verdict verdict = InDoubtSends.inDoubt(row) ? inDoubt.resolve(row) : InDoubtSends.Verdict.SEND;
            if (verdict == InDoubtSends.Verdict.FOUND) {
                result.sent++;
                continue;
            }
            if (verdict == InDoubtSends.Verdict.WAIT) {
                result.deferred++;
                continue;
            }
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
        String notificationId = request == null ? null : trimmed(request.notificationId);
        String eventId = request == null ? null : trimmed(request.eventId);
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
        response.text = r.text;
        response.provider = r.provider;
        response.sendAfter = r.status == NotificationStatus.DEFERRED && r.sendAfterMs != null ? Times.iso(r.sendAfterMs) : null;
        response.attempts = r.attempts;
        response.history = ledger.history(r.notificationId);
        return response;
    }

    /** Alibaba Cloud delivery reports: matched on biz_id (BizId answered at send time), else out_id (our notificationId). */
    public AliyunReportAnswer aliyunReports(List<AliyunSmsReport> reports) {
        return this.reports.aliyun(reports);
    }

    /** Tencent Cloud delivery reports: matched on sid (the SerialNo answered at send time). */
    public TencentReportAnswer tencentReports(List<TencentSmsReport> reports) {
        return this.reports.tencent(reports);
    }

    /** Takes the send slot (or defers the row), then sends outside the number's lock. */
    Outcome dispatch(NotificationRow row) {
        long now = clock.millis();
        SendPolicy.Decision decision = slots.take(row, now);
        if (decision.deferred()) {
            LOG.infof("notification %s to %s deferred until %s (%s)", row.notificationId, Mobile.mask(row.mobile),
                    Times.iso(decision.sendAt()), String.join(",", decision.reasons()));
            return Outcome.DEFERRED;
        }
        return failover.send(row);
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

    private static NotifyResultResponse rejected(List<FieldError> errors) {
        NotifyResultResponse r = new NotifyResultResponse();
        r.outcome = Outcome.REJECTED;
        r.errors = new ArrayList<>(errors);
        return r;
    }
}
