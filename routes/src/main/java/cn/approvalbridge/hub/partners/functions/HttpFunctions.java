package cn.approvalbridge.hub.partners.functions;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The functions over their Funqy HTTP binding: POST {base}/assignCode, POST {base}/notifyResult, as the hub (HTTP Basic,
 * hub.functions.username/password). Timeouts: connect
 * 3 s (a function endpoint that does not accept a connection in 3 s is down, and the broker redelivers later); response
 * 15 s (a code assignment is a few inserts; a notification waits for an SMS provider whose SDK times out at 10 s).
 */
@ApplicationScoped
@jakarta.enterprise.inject.Typed(HttpFunctions.class)
public class HttpFunctions extends RemoteFunctions {

    @Inject
    ProducerTemplate producer;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "hub.functions.code-assignment", defaultValue = "http://localhost:8081")
    String codeAssignment;

    @ConfigProperty(name = "hub.functions.result-notification", defaultValue = "http://localhost:8082")
    String resultNotification;

    /** The hub's identity on the functions' HTTP binding (their function.caller.* holds its bcrypt hash). */
    @ConfigProperty(name = "hub.functions.username", defaultValue = "hub")
    String username;

    @ConfigProperty(name = "hub.functions.password")
    java.util.Optional<String> password;

    @Override
    ObjectMapper json() {
        return json;
    }

    @Override
    String codeAssignmentTarget() {
        return codeAssignment;
    }

    @Override
    String resultNotificationTarget() {
        return resultNotification;
    }

    @Override
    String invoke(String base, String function, String request) {
        String url = base.endsWith("/") ? base + function : base + "/" + function;
        return producer.requestBodyAndHeaders("http://functions?connectTimeout=3000&responseTimeout=15000", request,
                Map.of(Exchange.HTTP_URI, url, Exchange.HTTP_METHOD, "POST", Exchange.CONTENT_TYPE, "application/json",
                        "Authorization", "Basic " + Base64.getEncoder().encodeToString((username + ":" + password.orElse(""))
                                .getBytes(StandardCharsets.UTF_8))),
                String.class);
    }
}
