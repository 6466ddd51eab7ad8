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

    /**
     * Each function reads the secrets it uses at start, by ARN with its own role (SecretsConfigSource): no secret value
     * and no dynamic reference in any function's environment, the SMS keys named only to the two that send SMS, and
     * each role allowed to read exactly the secrets its function names.
     */
    @Test
    void eachFunctionNamesAndMayReadOnlyItsOwnSecrets() {
        Map<String, Object> template = CfnYaml.load(Locations.infra().resolve("aws/template.yaml"));
        List<String> senders = List.of("notifyResult", "flushDeferred");
        List<String> smsKeys = List.of("ALIYUN_SMS_ACCESS_KEY_ID", "ALIYUN_SMS_ACCESS_KEY_SECRET", "TENCENT_SMS_SECRET_ID",
                "TENCENT_SMS_SECRET_KEY");
        Map<String, Object> globals = Cfn.map(Cfn.map(Cfn.map(Cfn.map(template.get("Globals")).get("Function"))
                .get("Environment")).get("Variables"));
        Map<String, Object> resources = Cfn.resources(template);
        Cfn.resourcesOfType(template, "AWS::Serverless::Function").forEach((name, function) -> {
            Map<String, Object> env = new java.util.LinkedHashMap<>(globals);
            env.putAll(Cfn.map(Cfn.map(Cfn.properties(function).get("Environment")).get("Variables")));
            String export = String.valueOf(env.get("QUARKUS_FUNQY_EXPORT"));
            env.forEach((key, value) -> assertFalse(String.valueOf(value).contains("{{resolve:"),
                    name + " " + key + " resolves a secret into the environment: " + value));
            for (String key : List.of("DB_PASSWORD", "ALIYUN_SMS_ACCESS_KEY_SECRET", "TENCENT_SMS_SECRET_KEY")) {
                assertFalse(env.containsKey(key), name + " holds " + key + " itself");
            }
            // its own database user (infra/db/users.sql) and that user's secret, never the master's
            boolean codes = List.of("assignCode", "verifyCode").contains(export);
            String dbSecret = codes ? "CodeAssignmentDbSecretArn" : "ResultNotificationDbSecretArn";
            assertEquals(codes ? "ab_code_assignment" : "ab_result_notification", String.valueOf(env.get("DB_USERNAME")),
                    name + " connects as its own database user");
            assertTrue(String.valueOf(env.get("DB_PASSWORD_FROM_SECRET")).contains("${" + dbSecret + "}#password"),
                    name + " names its own database user's secret: " + env.get("DB_PASSWORD_FROM_SECRET"));
            // its database user's secret, and the operator's SMS secret (a parameter) for the senders
            List<String> named = new ArrayList<>(List.of(dbSecret));
            for (String key : smsKeys) {
                Object reference = env.get(key + "_FROM_SECRET");
                if (senders.contains(export)) {
                    assertTrue(String.valueOf(reference).contains("${SmsSecretArn}#"), name + " " + key + ": " + reference);
                } else {
                    assertTrue(reference == null, name + " (" + export + ") does not send SMS but names " + key);
                }
            }
            if (senders.contains(export)) {
                named.add("SmsSecretArn");
            }
            // the role: GetSecretValue on exactly the secrets named above
            String roleName = Cfn.referencedResource(Cfn.properties(function).get("Role"));
            List<String> readable = new ArrayList<>();
            for (Object policy : Cfn.list(Cfn.properties(resources.get(roleName)).get("Policies"))) {
                for (Object statement : Cfn.list(Cfn.map(Cfn.map(policy).get("PolicyDocument")).get("Statement"))) {
                    Map<String, Object> st = Cfn.map(statement);
                    if (String.valueOf(st.get("Action")).contains("secretsmanager:")) {
                        assertEquals("secretsmanager:GetSecretValue", String.valueOf(st.get("Action")), roleName);
                        Cfn.list(st.get("Resource")).forEach(r -> readable.add(Cfn.referencedResource(r)));
                    }
                }
            }
            assertEquals(named.stream().sorted().toList(), readable.stream().sorted().toList(), roleName);
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

    /** Functions are invoked through IAM only (the hub's task role): none has a Function URL or a public permission. */
    @Test
    void noFunctionHasAFunctionUrl() {
        Map<String, Object> template = CfnYaml.load(Locations.infra().resolve("aws/template.yaml"));
        assertFalse(Cfn.map(Cfn.map(template.get("Globals")).get("Function")).containsKey("FunctionUrlConfig"),
                "Globals.Function.FunctionUrlConfig");
        Cfn.resources(template).forEach((name, resource) -> {
            String type = Cfn.type(resource);
            assertFalse(type.equals("AWS::Lambda::Url"), name + " is a Function URL");
            assertFalse(Cfn.properties(resource).containsKey("FunctionUrlConfig"), name + " has FunctionUrlConfig");
            if (type.equals("AWS::Lambda::Permission")) {
                Map<String, Object> p = Cfn.properties(resource);
                assertFalse(p.containsKey("FunctionUrlAuthType"), name + " opens a Function URL");
                assertFalse("*".equals(String.valueOf(p.get("Principal"))), name + " lets anyone invoke");
            }
        });
    }
}
