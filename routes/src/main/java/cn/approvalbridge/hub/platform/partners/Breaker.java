package cn.approvalbridge.hub.platform.partners;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One partner's circuit breaker and the messages waiting for it on the broker. CLOSED: calls go through; after
 * {@code threshold} consecutive failures OPEN: no calls for {@code coolDown}; then HALF_OPEN: one probe message is let
 * through (another after a further cool-down, should the probe never report); its success closes the breaker, its
 * failure opens it again. State is per hub process: a restarted hub starts CLOSED and learns again from the first calls.
 */
final class Breaker {

    enum State { CLOSED, HALF_OPEN, OPEN }

    final String partner;
    private State state = State.CLOSED;
    private Instant since;
    private Instant openedAt;
    private Instant probeAt;
    /** When the partner went down (first opening), kept through half-open probes until it closes. */
    private Instant downSince;
    private int consecutiveFailures;
    private String lastError;
    private Instant lastErrorAt;
    private boolean alerted;
    /** message id → first failure of each message waiting on the broker with a delay. */
    final Map<String, Instant> waiting = new ConcurrentHashMap<>();

    Breaker(String partner, Instant now) {
        this.partner = partner;
        this.since = now;
    }

    /** Whether a call may be made now; in HALF_OPEN only the probe may. */
    synchronized boolean admit(Instant now, Duration coolDown) {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (now.isBefore(openedAt.plus(coolDown))) {
                    return false;
                }
                state = State.HALF_OPEN;
                since = now;
                probeAt = now;
                return true;
            default:
                if (now.isBefore(probeAt.plus(coolDown))) {
                    return false;
                }
                probeAt = now;
                return true;
        }
    }

    /** The partner answered; the outage's start when this closes one that operators were told about, else null. */
    synchronized Instant succeeded(Instant now) {
        consecutiveFailures = 0;
        if (state == State.CLOSED) {
            return null;
        }
        Instant outage = alerted ? downSince : null;
        state = State.CLOSED;
        since = now;
        downSince = null;
        alerted = false;
        return outage;
    }

    synchronized void failed(Instant now, String error, int threshold) {
        consecutiveFailures++;
        lastError = error;
        lastErrorAt = now;
        if (state == State.HALF_OPEN || (state == State.CLOSED && consecutiveFailures >= threshold)) {
            if (state == State.CLOSED) {
                downSince = now;
                since = now;
            }
            state = State.OPEN;
            openedAt = now;
        }
    }

    /** The outage's start, once per outage, when it has lasted {@code after}: the moment to tell operators. */
    synchronized Instant alertDue(Instant now, Duration after) {
        if (downSince == null || alerted || now.isBefore(downSince.plus(after))) {
            return null;
        }
        alerted = true;
        return downSince;
    }

    synchronized PartnerStatus status() {
        Instant oldest = waiting.values().stream().min(Instant::compareTo).orElse(null);
        return new PartnerStatus(partner, state.name(), since, downSince, waiting.size(), oldest, consecutiveFailures,
                lastError, lastErrorAt);
    }

    synchronized State state() {
        return state;
    }
}
