package cn.approvalbridge.codeassignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    /**
     * What the README documents for Lambda: Funqy's Lambda binding cannot be given a failure handler, so an event that
     * is not JSON is a function error (the mock server answers it as the Lambda API would, errorType and message),
     * while a null event is answered by the function like an empty request.
     */
    @Test
    void aMalformedEventIsAFunctionErrorAndANullEventIsRejected() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> error = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("not json")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(500, error.statusCode(), error.body());
        assertEquals("Could not deserialize the provided message.", Http.JSON.readTree(error.body()).get("errorMessage").asText());

        JsonNode empty = new Http(port).post("/", "");
        assertEquals("REJECTED", empty.get("outcome").asText(), empty.toString());
        assertEquals(4, empty.get("errors").size());
    }

    private record AssignCodeRequestJson(String id) {
        @Override
        public String toString() {
            return Http.JSON.createObjectNode().put("declarationId", id).put("regionCode", "141124")
                    .put("departmentCode", "89").put("projectTypeCode", "05").toString();
        }
    }
}
