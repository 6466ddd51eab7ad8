package cn.approvalbridge.hub.partners.functions;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The functions on AWS Lambda through Camel aws2-lambda (invokeFunction), credentials from the default chain (the
 * hub's role), one Lambda function per Funqy function (QUARKUS_FUNQY_EXPORT): CODE_ASSIGNMENT_FUNCTION,
 * RESULT_NOTIFICATION_FUNCTION. Timeout 30 s per call: a JVM cold start is 3–5 s (published figures), plus the work.
 */
@ApplicationScoped
@jakarta.enterprise.inject.Typed(LambdaFunctions.class)
public class LambdaFunctions extends RemoteFunctions {

    @Inject
    ProducerTemplate producer;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "hub.functions.code-assignment")
    Optional<String> codeAssignment;

    @ConfigProperty(name = "hub.functions.result-notification")
    Optional<String> resultNotification;

    @ConfigProperty(name = "hub.functions.aws-region")
    Optional<String> region;

    private volatile LambdaClient client;

    @Override
    ObjectMapper json() {
        return json;
    }

    @Override
    String codeAssignmentTarget() {
        return codeAssignment.orElseThrow(() -> new IllegalStateException(
                "hub.functions.code-assignment is not set: give the Lambda function name in CODE_ASSIGNMENT_FUNCTION"));
    }

    @Override
    String resultNotificationTarget() {
        return resultNotification.orElseThrow(() -> new IllegalStateException(
                "hub.functions.result-notification is not set: give the Lambda function name in RESULT_NOTIFICATION_FUNCTION"));
    }

    @Override
    String invoke(String functionName, String function, String request) {
        client();
        return producer.requestBody("aws2-lambda:" + functionName
                + "?operation=invokeFunction&awsLambdaClient=#hubLambdaClient", request, String.class);
    }

    /** Built once with the explicit timeouts and bound in Camel's registry for the endpoint URI. */
    LambdaClient client() {
        LambdaClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = LambdaClient.builder()
                            .region(Region.of(region.orElseThrow(() -> new IllegalStateException(
                                    "hub.functions.aws-region is not set: give it in AWS_REGION"))))
                            .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30))
                                    .apiCallAttemptTimeout(Duration.ofSeconds(30)))
                            .build();
                    producer.getCamelContext().getRegistry().bind("hubLambdaClient", client);
                }
                c = client;
            }
        }
        return c;
    }
}
