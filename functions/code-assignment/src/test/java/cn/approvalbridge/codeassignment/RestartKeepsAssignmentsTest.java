package cn.approvalbridge.codeassignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A restart keeps assignments. Its own test profile makes Quarkus stop the application that
 * {@link CodeAssignmentFunctionTest} ran (Quarkus orders test classes without a profile first) and start a new one
 * against the same database (the H2 file under target/data, or PostgreSQL with -Ppostgresql); a declaration assigned
 * before the restart is then replayed.
 */
@QuarkusTest
@TestProfile(RestartKeepsAssignmentsTest.SecondStart.class)
class RestartKeepsAssignmentsTest {

    public static class SecondStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Any override makes a distinct profile, hence a restart; this one is also visible in the log.
            return Map.of("quarkus.application.name", "code-assignment-after-restart");
        }
    }

    @TestHTTPResource("/")
    URL url;

    @Test
    void aDeclarationAssignedBeforeTheRestartIsReplayedWithItsCode() throws Exception {
        assertTrue(Files.exists(CodeAssignmentFunctionTest.RESTART_FIXTURE),
                "run with CodeAssignmentFunctionTest, which assigns the declaration replayed here");
        Properties before = new Properties();
        try (InputStream in = Files.newInputStream(CodeAssignmentFunctionTest.RESTART_FIXTURE)) {
            before.load(in);
        }

        JsonNode r = new Http(url.getPort()).assign(before.getProperty("declarationId"), "610113", "89", "01");

        assertEquals("ALREADY_ASSIGNED", r.get("outcome").asText(), r.toString());
        assertEquals(before.getProperty("projectCode"), r.get("projectCode").asText());
        assertEquals(before.getProperty("assignedAt"), r.get("assignedAt").asText());
    }
}
