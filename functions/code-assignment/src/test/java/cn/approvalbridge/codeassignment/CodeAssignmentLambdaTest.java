package cn.approvalbridge.codeassignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.support.ProjectCode;
import cn.approvalbridge.support.StoreDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The AWS Lambda binding (Funqy Amazon Lambda, on the test classpath) answers an invocation: the event JSON is posted
 * to Quarkus' mock Lambda event server, as the Lambda runtime would deliver it; quarkus.funqy.export=assignCode.
 */
@QuarkusTest
class CodeAssignmentLambdaTest {

    @Inject
    StoreDataSource store;

    @Test
    void theLambdaBindingAssignsACode() {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        String id = "lambda-" + UUID.randomUUID();
        Http lambda = new Http(port);

        JsonNode r = lambda.post("/", new AssignCodeRequestJson(id).toString());

        assertEquals("ASSIGNED", r.get("outcome").asText(), r.toString());
        assertTrue(ProjectCode.isValid(r.get("projectCode").asText()), r.toString());
        assertEquals(List.of(r.get("projectCode").asText()), TestStore.codes(store, "declaration_id = ?", id));

        JsonNode replay = lambda.post("/", new AssignCodeRequestJson(id).toString());
        assertEquals("ALREADY_ASSIGNED", replay.get("outcome").asText(), replay.toString());
        assertEquals(r.get("projectCode").asText(), replay.get("projectCode").asText());
    }

    private record AssignCodeRequestJson(String id) {
        @Override
        public String toString() {
            return Http.JSON.createObjectNode().put("declarationId", id).put("regionCode", "141124")
                    .put("departmentCode", "89").put("projectTypeCode", "05").toString();
        }
    }
}
