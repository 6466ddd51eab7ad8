package cn.approvalbridge.notification.function;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Two local servers speaking the SMS gateways' APIs: Alibaba Cloud dysmsapi (RPC SendSms) and Tencent Cloud SMS
 * (SendSms 2021-01-11). Every send is accepted unless a test stubs an error for its number; BizId and SerialNo are
 * derived from our notificationId (OutId, SessionContext) so that tests can write the matching delivery reports.
 */
public class FakeProviders implements QuarkusTestResourceLifecycleManager {

    public static final String ALIYUN_ENDPOINT = "result-notification.aliyun.endpoint";
    public static final String TENCENT_ENDPOINT = "result-notification.tencent.endpoint";

    private WireMockServer aliyun;
    private WireMockServer tencent;

    @Override
    public Map<String, String> start() {
        aliyun = new WireMockServer(options().dynamicPort().templatingEnabled(true));
        tencent = new WireMockServer(options().dynamicPort().templatingEnabled(true));
        aliyun.start();
        tencent.start();
        aliyun.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json;charset=utf-8")
                .withTransformers("response-template")
                .withBody("{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"biz-{{request.query.OutId}}\","
                        + "\"RequestId\":\"F655A8D5-B967-440B-8683-DAD6FF8DE990\"}")));
        tencent.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody("{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"sn-{{jsonPath request.body '$.SessionContext'}}\","
                        + "\"PhoneNumber\":\"{{jsonPath request.body '$.PhoneNumberSet[0]'}}\",\"Fee\":1,\"SessionContext\":\"\","
                        + "\"Code\":\"Ok\",\"Message\":\"send success\",\"IsoCode\":\"CN\"}],"
                        + "\"RequestId\":\"a0aabda6-cf91-4f3e-a81f-9198114a2279\"}}")));
        return Map.of(
                ALIYUN_ENDPOINT, "localhost:" + aliyun.port(),
                "result-notification.aliyun.protocol", "HTTP",
                TENCENT_ENDPOINT, "localhost:" + tencent.port(),
                "result-notification.tencent.protocol", "http://");
    }

    @Override
    public void stop() {
        if (aliyun != null) {
            aliyun.stop();
        }
        if (tencent != null) {
            tencent.stop();
        }
    }
}
