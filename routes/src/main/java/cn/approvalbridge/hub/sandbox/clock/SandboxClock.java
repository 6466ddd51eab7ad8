package cn.approvalbridge.hub.sandbox.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.sandbox.Sandbox;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;

/**
 * The hub's clock: real time, moved forward by a shift that only the sandbox can set (POST /sandbox/clock), so that a
 * rehearsal on the embedded default can pass a deadline or a month end without waiting for it. Every deadline monitor,
 * monthly job and in-process function reads this bean as {@link Clock}; under cloud the shift is always zero. The shift
 * is kept in the sandbox's tables, so a restarted hub does not step back in time, and replicas sharing those tables
 * read it again every second (SandboxClockRefresh), so a clock moved through one replica moves on all of them.
 */
@ApplicationScoped
public class SandboxClock extends Clock {

    @Inject
    Sandbox sandbox;

    @Inject
    Db db;

    private volatile Duration shift = Duration.ZERO;

    @PostConstruct
    void load() {
        reload();
    }

    /** Reads the shift another replica may have moved (nothing to read where it is not kept). */
    public void reload() {
        if (persistent()) {
            shift = db.read(c -> Db.list(c, "SELECT shift_seconds FROM hub_sandbox_clock WHERE id = 1",
                    rs -> Duration.ofSeconds(rs.getLong(1)))).stream().findFirst().orElse(Duration.ZERO);
        }
    }

    /** Moves the clock forward (never back: deadlines already passed stay passed). */
    public synchronized void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        if (!persistent()) {
            shift = shift.plus(d);
            return;
        }
        // added in the store, not to this replica's copy: another replica may have moved the clock a moment ago
        shift = db.inTransaction(c -> {
            if (Db.update(c, "UPDATE hub_sandbox_clock SET shift_seconds = shift_seconds + ? WHERE id = 1",
                    d.toSeconds()) == 0) {
                Db.update(c, "INSERT INTO hub_sandbox_clock (id, shift_seconds) VALUES (1, ?)", d.toSeconds());
            }
            return Db.value(c, "SELECT shift_seconds FROM hub_sandbox_clock WHERE id = 1",
                    rs -> Duration.ofSeconds(rs.getLong(1)));
        });
    }

    public Duration shift() {
        return shift;
    }

    /** Back to real time; only the tests' clock does this, between tests. */
    protected synchronized void resetShift() {
        shift = Duration.ZERO;
    }

    /** Whether the shift survives a restart: on the embedded default, where the sandbox's tables exist. */
    protected boolean persistent() {
        return sandbox.enabled();
    }

    /** The unshifted time this clock moves from; tests start it at a fixed working day instead. */
    protected Instant base() {
        return Instant.now();
    }

    @Override
    public Instant instant() {
        return base().plus(shift);
    }

    @Override
    public ZoneId getZone() {
        return ChinaTime.ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
