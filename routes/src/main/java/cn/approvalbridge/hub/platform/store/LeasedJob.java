package cn.approvalbridge.hub.platform.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The wrapper of a scheduled job that one replica at a time runs: on each tick the job's lease ({@link Leases}) is
 * taken or renewed, and the work is done only by its holder. The job's effects are claimed in the store as well (see
 * {@link Leases}); the lease saves the other replicas the repeated work.
 */
@ApplicationScoped
public class LeasedJob {

    @Inject
    Leases leases;

    /** Runs {@code work} when this replica holds the lease {@code name}; true when it ran. */
    public boolean run(String name, Runnable work) {
        if (!leases.hold(name)) {
            return false;
        }
        work.run();
        return true;
    }
}
