package cn.approvalbridge.hub;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * For HubBenchmark: what the clients talk to. One hub (HubProcess), or the replicas of the local cluster, the
 * declarations spread over them in turn as a load balancer would; reads go to the first (they share the store).
 */
interface BenchTarget {

    /** POSTs the {@code i}-th request of a round. */
    HttpResponse<String> post(int i, String path, String user, String json) throws IOException, InterruptedException;

    HttpResponse<String> get(String path, String user) throws IOException, InterruptedException;

    /** The hub JVMs' process ids, for their resident sets. */
    List<Long> pids();

    /** The one hub, for what works on one hub only (a partner outage through its fake); null for a cluster. */
    HubProcess single();

    static BenchTarget of(HubProcess hub) {
        return new BenchTarget() {
            @Override
            public HttpResponse<String> post(int i, String path, String user, String json)
                    throws IOException, InterruptedException {
                return hub.post(path, user, json);
            }

            @Override
            public HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
                return hub.get(path, user);
            }

            @Override
            public List<Long> pids() {
                return List.of(hub.pid());
            }

            @Override
            public HubProcess single() {
                return hub;
            }
        };
    }
}
