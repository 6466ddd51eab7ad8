package cn.approvalbridge.notification.function;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** What the fake gateways of {@link FakeProviders} received, per number: the calls a test asserts on. */
final class FakeGateways {

    final WireMock aliyun = admin(FakeProviders.ALIYUN_ENDPOINT);
    final WireMock tencent = admin(FakeProviders.TENCENT_ENDPOINT);

    private static WireMock admin(String key) {
        String endpoint = ConfigProvider.getConfig().getValue(key, String.class);
        return new WireMock("localhost", Integer.parseInt(endpoint.substring(endpoint.indexOf(':') + 1)));
    }

    List<LoggedRequest> aliyunRequests(String mobile) {
        return aliyun.find(anyRequestedFor(anyUrl())).stream().filter(r -> mobile.equals(params(r).get("PhoneNumbers"))).toList();
    }

    List<LoggedRequest> tencentRequests(String mobile) {
        return tencent.find(anyRequestedFor(anyUrl())).stream().filter(r -> r.getBodyAsString().contains("+86" + mobile)).toList();
    }

    /** Aliyun's RPC parameters, wherever the SDK put them (query string or form body). */
    static Map<String, String> params(LoggedRequest r) {
        Map<String, String> out = new LinkedHashMap<>();
        String url = r.getUrl();
        if (url.contains("?")) {
            decode(url.substring(url.indexOf('?') + 1), out);
        }
        String body = r.getBodyAsString();
        if (body != null && body.contains("=") && !body.trim().startsWith("{")) {
            decode(body, out);
        }
        return out;
    }

    private static void decode(String form, Map<String, String> out) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
    }
}
