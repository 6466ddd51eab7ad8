package cn.approvalbridge.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** A function's secrets come from the secrets its environment names by ARN, read once, never from the environment. */
class SecretsConfigSourceTest {

    private static final String DB = "arn:aws:secretsmanager:cn-north-1:123456789012:secret:rds-db-AbCdEf";
    private static final String SMS = "arn:aws:secretsmanager:cn-north-1:123456789012:secret:sms-keys-GhIjKl";

    private final List<String> fetched = new ArrayList<>();

    private final SecretReader fake = id -> {
        fetched.add(id);
        return switch (id) {
            case DB -> "{\"username\":\"hub\",\"password\":\"s3cret-db\"}";
            case SMS -> "{\"aliyunAccessKeyId\":\"LTAI-test\",\"aliyunAccessKeySecret\":\"al-secret\"}";
            default -> throw new IllegalArgumentException("no such secret (and no permission): " + id);
        };
    };

    @Test
    void namesFromSecretReferencesResolveFromTheSecretsEachReadOnce() {
        SecretsConfigSource source = new SecretsConfigSource(Map.of("DB_PASSWORD_FROM_SECRET", DB + "#password",
                "ALIYUN_SMS_ACCESS_KEY_ID_FROM_SECRET", SMS + "#aliyunAccessKeyId",
                "ALIYUN_SMS_ACCESS_KEY_SECRET_FROM_SECRET", SMS + "#aliyunAccessKeySecret",
                "DB_USERNAME", "hub"), () -> fake);
        assertEquals(Set.of("DB_PASSWORD", "ALIYUN_SMS_ACCESS_KEY_ID", "ALIYUN_SMS_ACCESS_KEY_SECRET"),
                source.getPropertyNames());
        assertEquals("s3cret-db", source.getValue("DB_PASSWORD"));
        assertEquals("LTAI-test", source.getValue("ALIYUN_SMS_ACCESS_KEY_ID"));
        assertEquals("al-secret", source.getValue("ALIYUN_SMS_ACCESS_KEY_SECRET"));
        assertNull(source.getValue("DB_USERNAME"), "plain variables stay the environment's");
        assertEquals(2, fetched.size(), fetched.toString());
        assertTrue(fetched.containsAll(List.of(DB, SMS)));
        assertTrue(source.getOrdinal() < 300, "a real environment variable (Kubernetes Secret) wins");
    }

    @Test
    void aFunctionNamingNoSecretReadsNone() {
        SecretsConfigSource source = new SecretsConfigSource(Map.of("DB_JDBC_URL", "jdbc:postgresql://db/x"),
                () -> { throw new AssertionError("no reader needed"); });
        assertTrue(source.getPropertyNames().isEmpty());
        assertNull(source.getValue("DB_PASSWORD"));
    }

    @Test
    void aMissingKeyOrABadReferenceStopsTheStartNamingTheVariableNotTheSecret() {
        SecretsConfigSource missing = new SecretsConfigSource(Map.of("TENCENT_SMS_SECRET_KEY_FROM_SECRET",
                SMS + "#tencentSecretKey"), () -> fake);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> missing.getValue("TENCENT_SMS_SECRET_KEY"));
        assertTrue(e.getMessage().contains("TENCENT_SMS_SECRET_KEY_FROM_SECRET"), e.getMessage());
        assertFalse(e.getMessage().contains("al-secret"), e.getMessage());
        SecretsConfigSource bad = new SecretsConfigSource(Map.of("DB_PASSWORD_FROM_SECRET", DB), () -> fake);
        assertThrows(IllegalStateException.class, () -> bad.getValue("DB_PASSWORD"));
    }
}
