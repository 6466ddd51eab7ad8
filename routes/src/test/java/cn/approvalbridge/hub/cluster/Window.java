package cn.approvalbridge.hub.cluster;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.cluster.LocalCluster.Replica;

/**
 * The window (综合窗口) in front of a cluster: it declares projects and hands in their materials through the replicas
 * in turn, as a load balancer would; a replica that does not answer (killed) is retried on the other at once, and a
 * submission that got no answer is sent again, with the same submissionId, until one replica acknowledges it.
 */
final class Window implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One declared project as the window knows it. */
    static final class Unit {
        final int index;
        final String id = ClusterIT.id();
        final String mobile = Fixtures.mobile();
        final String submissionId = "S-" + id;
        final long lagMs;
        volatile String code;
        volatile String step;
        volatile long listCompleteSeenAt;
        volatile boolean materialsAcknowledged;

        Unit(int index, long lagMs) {
            this.index = index;
            this.lagMs = lagMs;
        }

        boolean completed() {
            return "COMPLETED".equals(step) && materialsAcknowledged;
        }
    }

    volatile List<Replica> replicas;
    private volatile List<Unit> units = List.of();
    private volatile boolean stop;
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private Future<?> run;
    /** Units whose materials submission got no answer at least once (the kill). */
    final Set<String> cutOff = ConcurrentHashMap.newKeySet();
    private int turn;

    Window(List<Replica> replicas) {
        this.replicas = replicas;
    }

    /** Declares a project through the next replica (the other one if that one does not answer). */
    Unit declare(int index, List<String> departments, long lagMs) throws Exception {
        Unit u = new Unit(index, lagMs);
        String body = JSON.writeValueAsString(Fixtures.declaration(u.id, u.mobile, departments));
        HttpResponse<String> r = call(index, rep -> rep.post("/api/v1/declarations", "window", body));
        if (r.statusCode() != 202) {
            throw new AssertionError(u.id + " declared: " + r.statusCode() + " " + r.body());
        }
        return u;
    }

    void start(List<Unit> watched) {
        this.units = watched;
        run = pool.submit(this);
    }

    void stop() throws Exception {
        stop = true;
        run.get(30, TimeUnit.SECONDS);
        pool.shutdown();
    }

    /** The window's own failure (an unexpected answer), as the test's. */
    void rethrow() throws Exception {
        if (run != null && run.isDone()) {
            run.get();
        }
    }

    @Override
    public void run() {
        while (!stop) {
            for (Unit u : units) {
                if (stop) {
                    return;
                }
                try {
                    drive(u);
                } catch (IOException e) {
                    // neither replica answered this time: next round
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            sleep(300);
        }
    }

    /** Projects per approval step as the window last saw them (NONE: not coded or no item list asked yet). */
    Map<String, Integer> distribution() {
        Map<String, Integer> d = new TreeMap<>();
        for (Unit u : units) {
            d.merge(u.step == null ? "NONE" : u.step, 1, Integer::sum);
        }
        return d;
    }

    private void drive(Unit u) throws Exception {
        if (u.code == null) {
            JsonNode d = JSON.readTree(call(u.index, r -> r.get("/api/v1/declarations/" + u.id, "window")).body());
            if (!d.path("projectCode").isTextual()) {
                return;
            }
            u.code = d.path("projectCode").asText();
        }
        if ("COMPLETED".equals(u.step) && u.materialsAcknowledged) {
            return;
        }
        HttpResponse<String> p = call(u.index, r -> r.get("/api/v1/projects/" + u.code, "window"));
        if (p.statusCode() != 200) {
            return;
        }
        u.step = JSON.readTree(p.body()).path("approval").path("step").textValue();
        if ("WINDOW_ACCEPTANCE".equals(u.step) && u.listCompleteSeenAt == 0) {
            u.listCompleteSeenAt = System.currentTimeMillis();
        }
        boolean due = cutOff.contains(u.id)
                || "WINDOW_ACCEPTANCE".equals(u.step) && System.currentTimeMillis() >= u.listCompleteSeenAt + u.lagMs;
        if (!u.materialsAcknowledged && due) {
            String body = JSON.writeValueAsString(Map.of("submissionId", u.submissionId));
            HttpResponse<String> r;
            try {
                r = next().post("/api/v1/projects/" + u.code + "/materials", "window", body);
            } catch (IOException e) {
                cutOff.add(u.id); // sent to the replica being killed: maybe stored, maybe not; sent again next round
                throw e;
            }
            if (r.statusCode() != 202 && r.statusCode() != 200) {
                throw new AssertionError(u.code + " materials: " + r.statusCode() + " " + r.body());
            }
            u.materialsAcknowledged = true;
        }
    }

    /** The replicas in turn: each call goes to the next one. */
    private synchronized Replica next() {
        List<Replica> all = replicas;
        return all.get(turn++ % all.size());
    }

    @FunctionalInterface
    interface Call {
        HttpResponse<String> on(Replica r) throws IOException, InterruptedException;
    }

    /** A read or an idempotent call: on replica {@code index} mod 2, else the other one. */
    private HttpResponse<String> call(int index, Call c) throws IOException, InterruptedException {
        List<Replica> all = replicas;
        try {
            return c.on(all.get(index % all.size()));
        } catch (IOException e) {
            return c.on(all.get((index + 1) % all.size()));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
