package cn.approvalbridge.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks bite: each deliberately broken copy in src/test/resources/fixture-repo/broken fails, and only for the
 * reason it was broken for (every problem reported names that reason), while the good fixture it was copied from
 * passes.
 */
class BrokenFixturesTest {

    private static final Path REPO = Locations.fixtureRepo();
    private static final Map<String, App> APPS = App.loadAll(REPO, List.of("code-assignment", "hub"));

    static Stream<Arguments> brokenCopies() {
        return Stream.of(
                Arguments.of("aws-unknown-property", "resource AssignCodeDeadLetters (AWS::SQS::Queue): unknown property MessageRetentionPeriods"),
                Arguments.of("aws-wrong-resource-type", "resource AssignCodeDeadLetters (AWS::SQS::Queues): unknown resource type AWS::SQS::Queues"),
                Arguments.of("aws-public-database", "resource Database (AWS::RDS::DBInstance): public database"),
                Arguments.of("aws-unencrypted-database", "resource Database (AWS::RDS::DBInstance): unencrypted database"),
                Arguments.of("aws-secret-literal", "secret literal: Environment.Variables.DB_PASSWORD"),
                Arguments.of("aws-secret-parameter-default", "parameter BrokerPassword: secret literal"),
                Arguments.of("aws-function-without-role", "function AssignCodeFunction: function without a role"),
                Arguments.of("aws-container-without-health-check", "container HubTaskDefinition/hub: container without a health check"),
                Arguments.of("aws-container-without-memory-limit", "container HubTaskDefinition/hub: container without a memory limit"),
                Arguments.of("aws-wrong-image-name", "wrong image name ${ImageRegistry}/approval-bridge/hubb:${ImageTag}|application hub is not deployed"),
                Arguments.of("aws-wrong-zip-path", "CodeUri ../../functions/code-assignment/target/code-assignment.zip is not a function.zip the build produces|application code-assignment is not deployed"),
                Arguments.of("aws-missing-env", "function AssignCodeFunction: environment lacks DB_USERNAME"),
                Arguments.of("aws-literal-partition", "literal partition in an ARN"),
                Arguments.of("aws-unknown-reference", "Ref DatabaseSubnetGroupp names no parameter"),
                Arguments.of("k8s-typo-field", "Deployment/code-assignment: unknown field spec.template.spec.containers[0].livenesProbe"),
                Arguments.of("k8s-container-without-probes", "Deployment/hub container hub: container without readinessProbe"),
                Arguments.of("k8s-container-without-limits", "Deployment/code-assignment container code-assignment: container without resource limits."),
                Arguments.of("k8s-wrong-image-name", "wrong image name registry.example.gov.cn/approval-bridge/approval-hub:1.0.0-SNAPSHOT|application hub has no Deployment"),
                Arguments.of("k8s-secret-with-data", "Secret/db: secret literal"),
                Arguments.of("k8s-secret-literal-in-configmap", "secret literal: BROKER_PASSWORD is in a ConfigMap"),
                Arguments.of("k8s-hub-one-replica", "Deployment/hub: the hub must run at least 2 replicas"),
                Arguments.of("k8s-ingress-without-tls", "Ingress hub: host hub.example.invalid is served without TLS"),
                Arguments.of("k8s-function-open-to-all", "Deployment/code-assignment: NetworkPolicy functions-from-hub lets more than the hub's pods reach this function"),
                Arguments.of("k8s-ingress-path-without-type", "networking.k8s.io/v1 Ingress/hub: schema: spec.rules.0.http.paths.0 must have required property pathType"),
                Arguments.of("k8s-missing-env", "lacks DB_USERNAME, which the %cloud profile of functions/code-assignment|lacks DB_USERNAME, which the %cloud profile of routes"),
                Arguments.of("k8s-function-without-autoscaler", "Deployment/code-assignment: stateless function without an autoscaling/v2 HorizontalPodAutoscaler"),
                Arguments.of("k8s-wrong-value-type", "apps/v1 Deployment/hub: does not match the Kubernetes API|application hub has no Deployment|apps/v1 Deployment/hub: schema: spec.replicas must be integer"),
                Arguments.of("k8s-unknown-api-version", "policy/v1beta3 PodDisruptionBudget/code-assignment: unknown apiVersion/kind"));
    }

    private static List<String> check(Path directory) {
        Path template = directory.resolve("template.yaml");
        return Files.exists(template) ? InfraChecks.aws(template, REPO, APPS) : InfraChecks.kubernetes(directory, REPO, APPS);
    }

    @Test
    void theGoodFixturesPass() {
        List<String> problems = check(REPO.resolve("infra/aws"));
        assertEquals(List.of(), problems, String.join("\n", problems));
        problems = check(REPO.resolve("infra/k8s/base"));
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCopies")
    void eachBrokenCopyFailsNamingItsProblem(String fixture, String expected) {
        List<String> problems = check(REPO.resolve("broken").resolve(fixture));
        assertFalse(problems.isEmpty(), fixture + " passed the checks");
        List<String> reasons = Arrays.asList(expected.split("\\|"));
        for (String reason : reasons) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(reason)),
                    fixture + ": no problem names \"" + reason + "\":\n" + String.join("\n", problems));
        }
        for (String problem : problems) {
            assertTrue(reasons.stream().anyMatch(problem::contains),
                    fixture + ": a problem beyond the one it was broken for:\n" + problem);
        }
        assertTrue(problems.stream().allMatch(p -> p.startsWith("broken/" + fixture)),
                "every problem names the file: " + problems);
    }

    @Test
    void everyBrokenCopyIsExercised() throws IOException {
        Set<String> covered = brokenCopies().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
        try (Stream<Path> directories = Files.list(REPO.resolve("broken"))) {
            Set<String> present = directories.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(present, covered);
        }
    }
}
