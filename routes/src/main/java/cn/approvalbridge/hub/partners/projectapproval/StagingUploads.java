package cn.approvalbridge.hub.partners.projectapproval;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import cn.approvalbridge.hub.platform.store.Leases;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Watches the upload state the province's collector writes back on the hub's rows: a row marked failed (SJSCZT 2 or
 * -1, SBYY why) raises an operator alert — a warning in the log once per failure, the row listed at
 * GET /api/v1/staging/upload-failures, a gauge {@code hub.staging.upload.failed} per table and a counter
 * {@code hub.staging.upload.failures} of failures seen — until it is rewritten: by the hub writing the row again
 * (StagingWriter replaces a failed row under the same DFSJZJ) or by an operator once the cause is fixed
 * ({@link #rewrite}). SJSCZT 1 and 3 both count as taken. Across replicas the holder of the lease "staging-upload-watch"
 * watches (one warning per failure, not one per replica); the others report the gauge as 0, so its sum is right.
 */
@ApplicationScoped
public class StagingUploads {

    private static final Logger LOG = Logger.getLogger(StagingUploads.class);

    /** A row the province refused. */
    public record Failure(String table, String dfsjzj, int sjsczt, String sbyy, String updatedAt) {
    }

    @Inject
    StagingDb staging;
    @Inject
    StagingConfig config;
    @Inject
    StagingWriter writer;
    @Inject
    StagingCatalogue catalogue;
    @Inject
    MeterRegistry metrics;
    @Inject
    Clock clock;
    @Inject
    Leases leases;

    private final Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();
    private final Map<String, String> alerted = new ConcurrentHashMap<>();

    @Scheduled(every = "{hub.staging.upload-watch-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "3s")
    void watch() {
        boolean mine = leases.hold("staging-upload-watch");
        List<Failure> now = mine ? failures() : List.of();
        for (String t : StagingRows.TABLES) {
            failed.computeIfAbsent(t, k -> metrics.gauge("hub.staging.upload.failed",
                    io.micrometer.core.instrument.Tags.of("table", k), new AtomicInteger()))
                    .set((int) now.stream().filter(f -> f.table().equals(t)).count());
        }
        if (!mine) {
            // the holder alerts; should this replica take over, it warns once more about failures still open
            alerted.clear();
        }
        for (Failure f : now) {
            String seen = f.table() + ":" + f.dfsjzj();
            if (!f.updatedAt().equals(alerted.put(seen, f.updatedAt()))) {
                metrics.counter("hub.staging.upload.failures", "table", f.table()).increment();
                LOG.warnf("The province refused staging row %s %s (SJSCZT %d): %s", f.table(), f.dfsjzj(), f.sjsczt(),
                        f.sbyy());
            }
        }
    }

    /** Every row of the hub the province marked failed, oldest first. */
    public List<Failure> failures() {
        List<Failure> out = new ArrayList<>();
        for (String t : StagingRows.TABLES) {
            for (Map<String, Object> r : writer.all(t, "SJSCZT IN (2, -1) AND DFSJZJ LIKE ?", config.keyPrefix() + "%")) {
                out.add(new Failure(t, (String) r.get("DFSJZJ"), Integer.parseInt((String) r.get("SJSCZT")),
                        (String) r.get("SBYY"), (String) r.get("GXSJ")));
            }
        }
        return out;
    }

    /**
     * Offers a refused row again, once its cause is fixed: an item row's process definition is written first from the
     * current catalogue (the usual cause: its process or item version missing), then the row goes back to SJSCZT 0
     * under the same DFSJZJ. Empty when there is no such failed row.
     */
    public Optional<Failure> rewrite(String table, String dfsjzj) throws Exception {
        if (!StagingRows.TABLES.contains(table)) {
            return Optional.empty();
        }
        Optional<Map<String, Object>> row = writer.all(table, "DFSJZJ = ? AND SJSCZT IN (2, -1)", dfsjzj).stream()
                .findFirst();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (table.equals(StagingRows.ITEM)) {
            var item = catalogue.known((String) row.get().get("SPSXBM"), (String) row.get().get("SPBMBM"));
            for (String definition : catalogue.definitionRows(item)) {
                writer.write(definition);
            }
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(ChinaTime.ZONE));
        staging.inTransaction(c -> Db.update(c, "UPDATE " + table + " SET SJSCZT = 0, SBYY = NULL, GXSJ = ? "
                + "WHERE DFSJZJ = ? AND SJSCZT IN (2, -1)", now, dfsjzj));
        alerted.remove(table + ":" + dfsjzj);
        Map<String, Object> r = row.get();
        return Optional.of(new Failure(table, dfsjzj, 0, (String) r.get("SBYY"), now.toString()));
    }
}
