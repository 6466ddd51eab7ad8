package cn.approvalbridge.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading what the build produces from an application's properties. */
class AppTest {

    @Test
    void cloudEnvironmentIsEveryVariableWithoutADefault() {
        App app = App.load(Locations.fixtureRepo(), "code-assignment");
        assertEquals(Set.of("DB_JDBC_URL", "DB_USERNAME", "DB_PASSWORD"), app.cloudEnv(), "LOG_LEVEL has a default");
        assertEquals(List.of(), app.imageConfigurationProblems());
    }

    @Test
    void imageNamesMatchGroupNameAndAnyRegistry() {
        App hub = App.load(Locations.fixtureRepo(), "hub");
        assertTrue(hub.matchesImage("approval-bridge/hub:1.0.0-SNAPSHOT"));
        assertTrue(hub.matchesImage("registry.example.gov.cn/approval-bridge/hub:1.0.0"));
        assertTrue(hub.matchesImage("${ImageRegistry}/approval-bridge/hub:${ImageTag}"));
        assertFalse(hub.matchesImage("approval-bridge/hubb:1"));
        assertFalse(hub.matchesImage("other/hub:1"));
    }

    @Test
    void aMissingApplicationFileFailsNamingIt(@TempDir Path empty) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> App.load(empty, "hub"));
        assertTrue(e.getMessage().startsWith("routes/src/main/resources/application.properties is missing"), e.getMessage());
    }

    @Test
    void secretNames() {
        for (String name : List.of("DB_PASSWORD", "ALIYUN_SMS_ACCESS_KEY_SECRET", "TENCENT_SMS_SECRET_KEY", "API_TOKEN",
                "HUB_USER_WINDOW_HASH", "SMS_RECEIPT_KEY_ALIYUN", "KEY_PROJECT_PLATFORM_KEY")) {
            assertTrue(App.isSecretName(name), name);
        }
        for (String name : List.of("DB_USERNAME", "BROKER_URL", "DEPT_FGW_DUTY_MOBILE", "QUARKUS_PROFILE",
                "KEY_PROJECT_PLATFORM_URL")) {
            assertFalse(App.isSecretName(name), name);
        }
    }
}
