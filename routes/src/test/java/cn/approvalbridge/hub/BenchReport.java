package cn.approvalbridge.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * For HubBenchmark: the figures of each run, their median and min-max spread over the runs, the machine's load, and the
 * hub's resident set, written to target/bench/hub-benchmark.json (the README's benchmark table is updated from it).
 */
final class BenchReport {

    /** The figures every run has, in the order they are written and printed. */
    static final List<String> FIGURES = List.of("intakePerSecond", "ackP50Ms", "ackP99Ms", "ackP999Ms",
            "endToEndPerSecond", "rawBrokerSendPerSecond", "rawDatabaseCommitPerSecond", "rawCommitP99Ms",
            "intakeToLimitRatio", "ackP99ToRawCommitP99", "rssMb", "rssPeakMb", "cpuBusyShareIntake", "cpuBusyShareFlow",
            "machineCpuMsPerDeclaration", "hubCpuMsPerDeclaration", "clientCpuMsPerDeclaration");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> head = new LinkedHashMap<>();
    private final List<Map<String, Object>> runs = new ArrayList<>();
    private Map<String, Object> partnerDown;

    BenchReport put(String key, Object value) {
        head.put(key, value);
        return this;
    }

    void run(Map<String, Object> figures) {
        runs.add(figures);
    }

    void partnerDown(Map<String, Object> figures) {
        partnerDown = figures;
    }

    /** Median of each figure over the runs (the top-level values), its spread, and every run. */
    Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>(head);
        Map<String, Object> spread = new LinkedHashMap<>();
        for (String f : FIGURES) {
            List<Double> values = new ArrayList<>();
            for (Map<String, Object> r : runs) {
                if (r.get(f) instanceof Number n && !Double.isNaN(n.doubleValue())) {
                    values.add(n.doubleValue());
                }
            }
            if (values.isEmpty()) {
                continue;
            }
            values.sort(null);
            int m = values.size() / 2;
            double median = values.size() % 2 == 1 ? values.get(m) : (values.get(m - 1) + values.get(m)) / 2;
            out.put(f, round(median));
            spread.put(f, Map.of("min", round(values.get(0)), "max", round(values.get(values.size() - 1))));
        }
        out.put("spread", spread);
        out.put("runs", runs);
        if (partnerDown != null) {
            out.put("partnerDown", partnerDown);
        }
        out.put("loadAverageAtEnd", loadAverage());
        return out;
    }

    Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), summary());
        return file;
    }

    static double round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? v : Math.round(v * 1000) / 1000.0;
    }

    /** The 1, 5 and 15 minute load averages (/proc/loadavg), as uptime prints them. */
    static List<Double> loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return List.of(Double.valueOf(f[0]), Double.valueOf(f[1]), Double.valueOf(f[2]));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * A process's resident set in MB from /proc/pid/status: VmRSS (now) and VmHWM (its peak). The hub's JVM only: the
     * embedded PostgreSQL's server processes are separate (their shared buffers would be counted once per backend).
     */
    static double[] residentSetMb(long pid) {
        double rss = Double.NaN;
        double hwm = Double.NaN;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kb(line) / 1024.0;
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kb(line) / 1024.0;
                }
            }
        } catch (IOException e) {
            // the process is gone: NaN
        }
        return new double[] { rss, hwm };
    }

    /** Seconds of CPU the whole machine has spent busy since boot (/proc/stat: all but idle and iowait). */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                busy += i == 4 || i == 5 ? 0 : Long.parseLong(f[i]);
            }
            return busy / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Seconds of CPU {@code pid} has used (/proc/pid/stat utime + stime); NaN once it is gone. */
    static double processCpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split("\\s+");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** USER_HZ, 100 on every Linux build this runs on. */
    private static final int CLOCK_TICKS = 100;

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
