package cn.approvalbridge.hub.partners.functions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.Config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.security.LoginLimiter;
import io.vertx.core.http.HttpServerRequest;

/**
 * The SMS providers' delivery receipts (Alibaba Cloud SmsReport, Tencent Cloud 短信下发状态回调), in their own JSON
 * arrays. The provider proves itself with the secret in the URL the operator registered with it (?key=,
 * hub.sms-receipts.&lt;provider&gt;.key); each receipt is stored (outbox) before the provider gets the answer it expects,
 * then handed to the notification function, which matches it to a sent message or ignores it.
 */
@Path("/api/v1/sms-receipts/{provider}")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class SmsReceiptResource {

    private static final Map<String, Object> ALIYUN_ANSWER = Map.of("code", 0, "msg", "成功");
    private static final Map<String, Object> TENCENT_ANSWER = Map.of("result", 0, "errmsg", "OK");

    @Inject
    SmsReceipts receipts;

    @Inject
    LoginLimiter limiter;

    @Inject
    Config config;

    @Inject
    ObjectMapper json;

    @POST
    public Map<String, Object> receive(@PathParam("provider") String provider, @QueryParam("key") String key,
            String body, @Context HttpServerRequest request) {
        Map<String, Object> answer = switch (provider) {
            case "aliyun" -> ALIYUN_ANSWER;
            case "tencent" -> TENCENT_ANSWER;
            default -> throw new ApiException(404, "provider", "unknown", "receipts are taken from aliyun and tencent");
        };
        String expected = config.getOptionalValue("hub.sms-receipts." + provider + ".key", String.class).orElse("");
        if (expected.isEmpty() || key == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                key.getBytes(StandardCharsets.UTF_8))) {
            long wait = limiter.failed(request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress(),
                    "sms-receipts");
            throw new WebApplicationException(wait > 0 ? Response.status(429).header("Retry-After", wait).build()
                    : Response.status(401).build());
        }
        JsonNode reports;
        try {
            reports = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "body", "not_json", "a receipt is the provider's JSON array of reports");
        }
        if (reports == null || !reports.isArray()) {
            throw new ApiException(400, "body", "not_array", "a receipt is the provider's JSON array of reports");
        }
        receipts.store(provider, reports);
        return answer;
    }
}
