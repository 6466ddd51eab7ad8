package cn.approvalbridge.hub.sandbox.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.camel.PartnerUrls;

/**
 * How a simulated partner answers: like the real one, through the hub's inbound API with its own identity (HTTP
 * Basic), so the sandbox exercises the same authentication, validation and flow as a real partner.
 */
@ApplicationScoped
public class HubClient {

    @Inject
    PartnerUrls urls;

    @Inject
    ObjectMapper json;

    // The sandbox calls its own hub: 2 s to connect, 10 s to answer, well within the simulators' poll intervals.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** POSTs {@code body} as JSON to {@code path} on this hub as {@code user}; the hub's answer. */
    public HttpResponse<String> post(String user, String password, String path, Object body)
            throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create(urls.base() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    /** The hub took the answer (409: it had it already, from an earlier attempt). */
    public static boolean taken(int status) {
        return status / 100 == 2 || status == 409;
    }
}
