package cn.approvalbridge.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The real AWS templates in infra/aws pass every check against the real applications' configuration. */
class AwsTemplateTest {

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(Locations.infra().resolve("aws"))) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @Test
    void everyTemplateMatchesTheCloudFormationSchemasAndThePolicy() throws IOException {
        Map<String, App> apps = App.loadAll(Locations.appsRoot(), List.copyOf(App.DIRECTORIES.keySet()));
        List<Path> templates = templates();
        assertFalse(templates.isEmpty(), "no templates under infra/aws");
        List<String> problems = new ArrayList<>();
        for (Path template : templates) {
            problems.addAll(InfraChecks.aws(template, Locations.repoRoot(), apps));
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void theSchemasAreTheCurrentOnes() {
        CfnSpec spec = CfnSpec.get();
        assertTrue(spec.resourceCount() > 1500, "resource types: " + spec.resourceCount());
        // Properties the old cfn-lint spec rejects, which this check must know.
        assertTrue(spec.resource("AWS::Lambda::Function").path("properties").has("SnapStart"));
        assertTrue(spec.resource("AWS::Lambda::Function").path("properties").has("LoggingConfig"));
        assertTrue(spec.resource("AWS::RDS::DBInstance").path("attributes").has("MasterUserSecret.SecretArn"));
    }

    @Test
    void theTemplateDeploysEveryFunqyExportTheHubAndFlushDeferredNeed() {
        Map<String, Object> template = CfnYaml.load(Locations.infra().resolve("aws/template.yaml"));
        List<String> exports = new ArrayList<>();
        Cfn.resourcesOfType(template, "AWS::Serverless::Function").forEach((name, function) -> exports.add(String.valueOf(
                Cfn.map(Cfn.map(Cfn.properties(function).get("Environment")).get("Variables")).get("QUARKUS_FUNQY_EXPORT"))));
        assertTrue(exports.containsAll(List.of("assignCode", "notifyResult", "aliyunSmsReport", "tencentSmsReport",
                "flushDeferred")), exports.toString());
        // the hub's task role may invoke the functions it calls
        String taskRole = String.valueOf(Cfn.resources(template).get("HubTaskRole"));
        assertTrue(taskRole.contains("lambda:InvokeFunction") && taskRole.contains("NotifyResultFunction")
                && taskRole.contains("AssignCodeFunction"), taskRole);
    }

    /** Issue 12 (item 11): each function gets the secrets it uses and no others, all from Secrets Manager. */
    @Test
    void onlyTheFunctionsThatSendSmsHoldTheProvidersKeys() {
        Map<String, Object> template = CfnYaml.load(Locations.infra().resolve("aws/template.yaml"));
        List<String> senders = List.of("notifyResult", "flushDeferred");
        List<String> keys = List.of("ALIYUN_SMS_ACCESS_KEY_ID", "ALIYUN_SMS_ACCESS_KEY_SECRET", "TENCENT_SMS_SECRET_ID",
                "TENCENT_SMS_SECRET_KEY");
        Map<String, Object> globals = Cfn.map(Cfn.map(Cfn.map(template.get("Globals")).get("Function")).get("Environment"));
        for (String key : keys) {
            assertTrue(!Cfn.map(globals.get("Variables")).containsKey(key), key + " is not given to every function");
        }
        Cfn.resourcesOfType(template, "AWS::Serverless::Function").forEach((name, function) -> {
            Map<String, Object> env = Cfn.map(Cfn.map(Cfn.properties(function).get("Environment")).get("Variables"));
            String export = String.valueOf(env.get("QUARKUS_FUNQY_EXPORT"));
            for (String key : keys) {
                Object value = env.get(key);
                if (senders.contains(export)) {
                    assertTrue(String.valueOf(value).contains("{{resolve:secretsmanager:"), name + " " + key + ": " + value);
                } else {
                    assertTrue(value == null, name + " (" + export + ") does not send SMS but holds " + key);
                }
            }
            boolean notification = String.valueOf(Cfn.properties(function).get("CodeUri")).contains("result-notification");
            if (notification && !senders.contains(export)) {
                assertEquals("false", String.valueOf(env.get("RESULT_NOTIFICATION_CHECK_AT_START")), name);
            }
        });
    }

    @Test
    void theHubServiceRunsAtLeastTwoTasksAndRollsBackAFailedDeployment() {
        Map<String, Object> template = CfnYaml.load(Locations.infra().resolve("aws/template.yaml"));
        Map<String, Object> service = Cfn.properties(Cfn.resources(template).get("HubService"));
        Object desired = service.get("DesiredCount");
        if (!(desired instanceof Number n && n.intValue() >= 2)) {
            Map<String, Object> parameter = Cfn.map(Cfn.map(template.get("Parameters")).get(String.valueOf(Cfn.map(desired).get("Ref"))));
            assertTrue(((Number) parameter.get("MinValue")).intValue() >= 2 && ((Number) parameter.get("Default")).intValue() >= 2,
                    "DesiredCount " + desired + ": " + parameter);
        }
        Map<String, Object> deployment = Cfn.map(service.get("DeploymentConfiguration"));
        assertEquals(100, ((Number) deployment.get("MinimumHealthyPercent")).intValue(), "never below the desired count");
        assertEquals(200, ((Number) deployment.get("MaximumPercent")).intValue(), "a full new set beside the old one");
        Map<String, Object> breaker = Cfn.map(deployment.get("DeploymentCircuitBreaker"));
        assertEquals(Boolean.TRUE, breaker.get("Enable"));
        assertEquals(Boolean.TRUE, breaker.get("Rollback"));
    }
}
