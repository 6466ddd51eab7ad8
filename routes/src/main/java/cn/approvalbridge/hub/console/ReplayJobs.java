package cn.approvalbridge.hub.console;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import cn.approvalbridge.hub.platform.store.DeadLetters;
import io.quarkus.qute.TemplateData;

/**
 * A replay of every open dead letter a filter selects, run in the background so the operator watches it count up
 * (each letter goes back to its queue, whose consumer is idempotent). Jobs live in memory: after a restart the list of
 * dead letters shows what was replayed (replayedAt), which is what matters.
 */
@ApplicationScoped
public class ReplayJobs {

    private static final Logger LOG = Logger.getLogger(ReplayJobs.class);
    /** As the API's bulk replay: one job re-enqueues at most this many; the page says when more remain. */
    static final int MAX = 1000;

    @TemplateData
    public static final class Job {
        public final String id;
        public final String filter;
        public final String by;
        public final int total;
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        volatile boolean finished;

        Job(String id, String filter, String by, int total) {
            this.id = id;
            this.filter = filter;
            this.by = by;
            this.total = total;
        }

        public int getDone() {
            return done.get();
        }

        public int getFailed() {
            return failed.get();
        }

        public int getSucceeded() {
            return done.get() - failed.get();
        }

        public boolean isFinished() {
            return finished;
        }

        public int getPercent() {
            return total == 0 ? 100 : done.get() * 100 / total;
        }
    }

    @Inject
    DeadLetters deadLetters;

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-replay");
        t.setDaemon(true);
        return t;
    });

    public Job start(DeadLetters.Filter filter, String description, String by) {
        List<String> ids = deadLetters.openIds(filter, MAX);
        Job job = new Job(UUID.randomUUID().toString(), description, by, ids.size());
        jobs.put(job.id, job);
        worker.submit(() -> {
            for (String id : ids) {
                try {
                    deadLetters.replay(id);
                } catch (RuntimeException e) {
                    job.failed.incrementAndGet();
                    LOG.warnf("Replay of dead letter %s failed: %s", id, e.getClass().getSimpleName());
                }
                job.done.incrementAndGet();
            }
            job.finished = true;
            LOG.infof("Bulk replay %s by %s: %d of %d re-enqueued", job.id, by, job.total - job.failed.get(), job.total);
        });
        return job;
    }

    public Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
