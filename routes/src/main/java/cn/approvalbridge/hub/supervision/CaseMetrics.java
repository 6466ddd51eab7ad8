package cn.approvalbridge.hub.supervision;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;

import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.support.Db;

/**
 * hub_supervision_cases_open{department}: the cases open in the 13710 system per department, as the project views show
 * them (a Grafana board and the ledger agree). Read from the store on every chase check, on start and whenever a case
 * opens, so a hub restarted with open cases reports them at once; every configured department has its series (0 when
 * it has none), a utility or other owner from its first case on.
 */
@ApplicationScoped
public class CaseMetrics {

    @Inject
    MeterRegistry registry;
    @Inject
    Db db;
    @Inject
    SupervisionCases cases;
    @Inject
    Departments departments;

    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    void start(@jakarta.enterprise.event.Observes StartupEvent ignored) {
        departments.codes().forEach(this::series);
        refresh();
    }

    public void refresh() {
        Map<String, Integer> now = db.read(cases::openByDepartment);
        Set<String> known = Set.copyOf(open.keySet());
        now.forEach((dept, n) -> series(dept).set(n));
        known.stream().filter(d -> !now.containsKey(d)).forEach(d -> open.get(d).set(0));
    }

    private AtomicInteger series(String department) {
        return open.computeIfAbsent(department, d -> registry.gauge("hub.supervision.cases.open",
                Tags.of("department", d), new AtomicInteger()));
    }
}
