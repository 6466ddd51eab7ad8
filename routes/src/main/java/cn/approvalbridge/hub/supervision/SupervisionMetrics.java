package cn.approvalbridge.hub.supervision;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.directory.Departments;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * What the ledger shows, for a Grafana board: {@code hub_overdue_items{department}} (the department limits past due and
 * still owed, as the ledger's overdueItems count them) and {@code hub_overdue_projects} (projects past their
 * whole-project limit). Counted every hub.deadlines.check-interval rather than on every scrape: a count reads every
 * project's rows.
 */
@ApplicationScoped
public class SupervisionMetrics {

    private static final Logger LOG = Logger.getLogger(SupervisionMetrics.class);

    @Inject
    MeterRegistry metrics;

    @Inject
    Departments departments;

    @Inject
    DepartmentDeadlines deadlineRows;

    @Inject
    Ledger ledger;

    @Inject
    Deadlines deadlines;

    private final Map<String, AtomicInteger> overdueItems = new ConcurrentHashMap<>();
    private final AtomicInteger overdueProjects = new AtomicInteger();

    void start(@Observes StartupEvent e) {
        for (String code : departments.codes()) {
            AtomicInteger n = overdueItems.computeIfAbsent(code, k -> new AtomicInteger());
            Gauge.builder("hub_overdue_items", n, AtomicInteger::get).tag("department", code)
                    .description("department limits past due and still owed").register(metrics);
        }
        Gauge.builder("hub_overdue_projects", overdueProjects, AtomicInteger::get)
                .description("projects past their whole-project limit").register(metrics);
    }

    @Scheduled(every = "{hub.deadlines.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "20s")
    void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Overdue counts not refreshed; tried again next time");
        }
    }

    /** Recounts both figures now. */
    public void refresh() {
        LocalDate today = deadlines.today();
        List<DepartmentDeadlines.Deadline> all = deadlineRows.all(null);
        for (var e : overdueItems.entrySet()) {
            e.getValue().set((int) all.stream().filter(d -> d.departmentCode().equals(e.getKey()))
                    .filter(d -> d.overdueOn(today)).count());
        }
        LedgerQuery everything = new LedgerQuery(null, null, null, null, null, null, null, null, null, 1, 1,
                "declaredAt", true);
        overdueProjects.set((int) ledger.select(everything).stream().filter(x -> x.limit().overdue()).count());
    }
}
