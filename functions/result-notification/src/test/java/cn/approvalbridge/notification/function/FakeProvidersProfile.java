package cn.approvalbridge.notification.function;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Aliyun primary, Tencent secondary, both at the local fakes; sandbox-free, as in production. */
public class FakeProvidersProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("result-notification.providers.primary", "aliyun"),
                Map.entry("result-notification.providers.secondary", "tencent"),
                Map.entry("result-notification.sign-name", "测试审批"),
                Map.entry("result-notification.templates.path", "src/test/resources/provider-templates.json"),
                // Identities for the local fakes only: they check nothing.
                Map.entry("result-notification.aliyun.access-key-id", "fake-access-key-id"),
                Map.entry("result-notification.aliyun.access-key-secret", "fake-access-key-secret"),
                Map.entry("result-notification.tencent.secret-id", "fake-secret-id"),
                Map.entry("result-notification.tencent.secret-key", "fake-secret-key"),
                Map.entry("result-notification.tencent.sdk-app-id", "1400000000"),
                Map.entry("result-notification.aliyun.read-timeout-ms", "3000"),
                Map.entry("result-notification.tencent.read-timeout-seconds", "3"),
                // Aliyun keeps its default limit (35); Tencent as for an account with a limit of its own.
                Map.entry("result-notification.tencent.max-variable-length", "30"),
                Map.entry("result-notification.retry.provider-delay", "PT0.01S"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeProviders.class));
    }
}
