package cn.approvalbridge.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The deployment policy of the AWS template: no secret literals, no public or unencrypted database or broker, every
 * function its own role and the right runtime, handler, zip, dead letters, log retention and alarms, every ECS
 * container its health check and limits, image names as the build makes them, partition-neutral ARNs, and every
 * environment variable each application's %cloud profile needs.
 */
final class AwsPolicyCheck {

    static final String HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";
    static final String RUNTIME = "java21";
    private static final Pattern SECRET_PROPERTY = Pattern.compile("(?i)password|secret|token|credential|privatekey|accesskey");
    private static final Pattern NOT_A_SECRET_VALUE = Pattern.compile("(?i).*(arn|id|name|template|stringkey|length|characters|policy)$");
    private static final Pattern SECRET_VALUE = Pattern.compile("AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----");
    private static final Set<String> FUNCTION_TYPES = Set.of("AWS::Serverless::Function", "AWS::Lambda::Function");

    private final String file;
    private final Path templateDirectory;
    private final Path repoRoot;
    private final Map<String, Object> template;
    private final Map<String, App> apps;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Object> resources;
    private final Map<String, Object> globals;

    private AwsPolicyCheck(String file, Path templateDirectory, Path repoRoot, Map<String, Object> template,
                           Map<String, App> apps) {
        this.file = file;
        this.templateDirectory = templateDirectory;
        this.repoRoot = repoRoot;
        this.template = template;
        this.apps = apps;
        this.resources = Cfn.resources(template);
        this.globals = Cfn.map(Cfn.map(template.get("Globals")).get("Function"));
    }

    /**
     * @param apps the applications this template must deploy (each one at least once), keyed by id
     */
    static List<String> check(String file, Path templateDirectory, Path repoRoot, Map<String, Object> template,
                              Map<String, App> apps) {
        AwsPolicyCheck check = new AwsPolicyCheck(file, templateDirectory, repoRoot, template, apps);
        check.secrets();
        check.partition();
        check.databases();
        check.functions();
        check.containers();
        check.everyAppDeployed();
        return check.problems;
    }

    // ------------------------------------------------------------------ secrets

    private void secrets() {
        Map<String, Object> parameters = Cfn.map(template.get("Parameters"));
        parameters.forEach((name, body) -> {
            Map<String, Object> parameter = Cfn.map(body);
            boolean secretish = SECRET_PROPERTY.matcher(name).find() && !NOT_A_SECRET_VALUE.matcher(name).matches();
            if ((secretish || Boolean.TRUE.equals(parameter.get("NoEcho")) || "true".equals(parameter.get("NoEcho")))
                    && parameter.get("Default") != null && !String.valueOf(parameter.get("Default")).isEmpty()) {
                problem("parameter " + name, "secret literal: a secret parameter has a Default value");
            }
        });
        Cfn.strings(template, "", (path, text) -> {
            if (SECRET_VALUE.matcher(text).find()) {
                problem(path, "secret literal: the value looks like an access key or a private key");
            }
        });
        resources.forEach((name, resource) -> Cfn.walk(Cfn.map(resource).get("Properties"), "", (path, entry) -> {
            String key = entry.getKey();
            // a NAME_FROM_SECRET variable names a secret (checked below), it does not hold one
            if (SECRET_PROPERTY.matcher(key).find() && !NOT_A_SECRET_VALUE.matcher(key).matches()
                    && !key.endsWith(FROM_SECRET)) {
                secretValue("resource " + name, path, entry.getValue(), parameters);
            }
        }));
        // environment variables: a function's Environment.Variables map, an ECS container's Environment list
        forEachFunctionEnvironment((where, variables) -> variables.forEach((env, value) -> {
            if (env.endsWith(FROM_SECRET)) {
                secretReference(where, "Environment.Variables." + env, value);
            } else if (App.isSecretName(env)) {
                secretValue(where, "Environment.Variables." + env, value, parameters);
            }
        }));
        for (var container : containerDefinitions().entrySet()) {
            for (Object item : Cfn.list(container.getValue().get("Environment"))) {
                String env = String.valueOf(Cfn.map(item).get("Name"));
                if (App.isSecretName(env)) {
                    problem(container.getKey(), "secret literal: " + env
                            + " is in Environment; take it from Secrets Manager through Secrets (ValueFrom)");
                }
            }
        }
    }

    /** A function's NAME_FROM_SECRET (read at start by SecretsConfigSource): the ARN of a secret and a JSON key. */
    static final String FROM_SECRET = "_FROM_SECRET";

    private void secretReference(String where, String path, Object value) {
        String text = Cfn.textOf(value);
        if (text == null || text.contains("{{resolve:")
                || !text.matches("^(\\$\\{[A-Za-z0-9.]+\\}|arn:\\S+)#[A-Za-z0-9_]+$")) {
            problem(where, path + " must name a secret by ARN and JSON key ('${SecretArn}#key'), not hold it: " + text);
        }
    }

    private void secretValue(String where, String path, Object value, Map<String, Object> parameters) {
        if (value instanceof Boolean || value instanceof Number || value instanceof Map<?, ?> && !Cfn.isIntrinsic(value)
                || value instanceof List<?>) {
            return; // flags (ManageMasterUserPassword: true) and nested structures are not secret values
        }
        if (Cfn.isIntrinsic(value) && Cfn.intrinsicName(value).equals("Ref")) {
            Object parameter = parameters.get(String.valueOf(Cfn.intrinsicArgument(value)));
            if (parameter != null && Cfn.map(parameter).get("Default") != null) {
                problem(where, "secret literal: " + path + " comes from a parameter with a Default");
            }
            if (parameter != null && !Boolean.TRUE.equals(Cfn.map(parameter).get("NoEcho"))) {
                problem(where, "secret literal: " + path + " comes from parameter " + Cfn.intrinsicArgument(value)
                        + " without NoEcho; use a Secrets Manager dynamic reference");
            }
            return;
        }
        String text = Cfn.textOf(value);
        if (text == null) {
            return; // other intrinsics (GetAtt of a generated secret's ARN and the like)
        }
        if (!text.contains("{{resolve:secretsmanager:") && !text.contains("{{resolve:ssm-secure:")) {
            problem(where, "secret literal: " + path + " is not a Secrets Manager dynamic reference");
        }
    }

    private void partition() {
        Cfn.strings(template, "", (path, text) -> {
            if (text.contains("arn:aws:") || text.contains("arn:aws-cn:")) {
                problem(path, "literal partition in an ARN: use arn:${AWS::Partition}: (China regions are aws-cn)");
            }
        });
    }

    // ------------------------------------------------------------------ database and broker

    private void databases() {
        resources.forEach((name, resource) -> {
            String type = Cfn.type(resource);
            Map<String, Object> properties = Cfn.properties(resource);
            String where = "resource " + name + " (" + type + ")";
            if (type.equals("AWS::RDS::DBInstance") || type.equals("AWS::RDS::DBCluster")) {
                if (type.equals("AWS::RDS::DBInstance") && !isFalse(properties.get("PubliclyAccessible"))) {
                    problem(where, "public database: PubliclyAccessible must be false (it is "
                            + properties.get("PubliclyAccessible") + ")");
                }
                if (!isTrue(properties.get("StorageEncrypted")) && !properties.containsKey("DBClusterIdentifier")) {
                    problem(where, "unencrypted database: StorageEncrypted must be true");
                }
            }
            if (type.equals("AWS::AmazonMQ::Broker") && !isFalse(properties.get("PubliclyAccessible"))) {
                problem(where, "public broker: PubliclyAccessible must be false");
            }
        });
    }

    // ------------------------------------------------------------------ functions

    private void functions() {
        Map<String, String> roleOwners = new HashMap<>();
        Map<String, Set<String>> exportsScheduled = new LinkedHashMap<>();
        resources.forEach((name, resource) -> {
            String type = Cfn.type(resource);
            if (!FUNCTION_TYPES.contains(type)) {
                return;
            }
            String where = "function " + name;
            Map<String, Object> properties = Cfn.properties(resource);
            boolean sam = type.equals("AWS::Serverless::Function");

            Object role = properties.get("Role");
            String roleName = Cfn.referencedResource(role);
            if (role == null) {
                problem(where, "function without a role: give it its own AWS::IAM::Role (Role: !GetAtt XRole.Arn)");
            } else if (roleName == null || !"AWS::IAM::Role".equals(Cfn.type(resources.get(roleName)))) {
                problem(where, "function role must be an AWS::IAM::Role of this template, not " + role);
            } else if (roleOwners.containsKey(roleName)) {
                problem(where, "shares role " + roleName + " with " + roleOwners.get(roleName)
                        + ": every function has its own role");
            } else {
                roleOwners.put(roleName, name);
                leastPrivilege(roleName);
            }

            Object runtime = effective(properties, "Runtime", sam);
            if (!RUNTIME.equals(runtime)) {
                problem(where, "Runtime is " + runtime + ", expected " + RUNTIME);
            }
            Object handler = effective(properties, "Handler", sam);
            if (!HANDLER.equals(handler)) {
                problem(where, "Handler is " + handler + ", expected " + HANDLER);
            }
            Map<String, Object> env = environment(properties, sam);
            Object export = env.get("QUARKUS_FUNQY_EXPORT");
            if (!(export instanceof String)) {
                problem(where, "no QUARKUS_FUNQY_EXPORT: name the @Funq method this function runs");
            }
            if (!"cloud".equals(env.get("QUARKUS_PROFILE"))) {
                problem(where, "QUARKUS_PROFILE must be cloud (it is " + env.get("QUARKUS_PROFILE") + ")");
            }
            if (!sam) {
                problem(where, "declare functions as AWS::Serverless::Function (CodeUri, AutoPublishAlias, SnapStart)");
                return;
            }
            App app = appOfZip(where, effective(properties, "CodeUri", true));
            if (app != null) {
                for (String required : app.cloudEnv()) {
                    if (!env.containsKey(required) && !env.containsKey(required + FROM_SECRET)) {
                        problem(where, "environment lacks " + required + ", which the %cloud profile of "
                                + App.propertiesPath(app.directory()) + " needs");
                    }
                }
            }
            if (effective(properties, "AutoPublishAlias", true) == null) {
                problem(where, "no AutoPublishAlias: SnapStart applies to published versions, and rollback uses the alias");
            }
            if (!Cfn.map(effective(properties, "SnapStart", true)).containsKey("ApplyOn")) {
                problem(where, "no SnapStart.ApplyOn (PublishedVersions, or a condition that may turn it off)");
            }
            Object onFailure = Cfn.map(Cfn.map(Cfn.map(effective(properties, "EventInvokeConfig", true))
                    .get("DestinationConfig")).get("OnFailure")).get("Destination");
            if (onFailure == null) {
                problem(where, "no dead-letter destination: EventInvokeConfig.DestinationConfig.OnFailure");
            }
            String logGroup = Cfn.referencedResource(Cfn.map(effective(properties, "LoggingConfig", true)).get("LogGroup"));
            if (logGroup == null || !"AWS::Logs::LogGroup".equals(Cfn.type(resources.get(logGroup)))
                    || !Cfn.properties(resources.get(logGroup)).containsKey("RetentionInDays")) {
                problem(where, "no log retention: LoggingConfig.LogGroup must name an AWS::Logs::LogGroup with RetentionInDays");
            }
            for (String metric : List.of("Errors", "Throttles")) {
                if (!hasLambdaAlarm(name, metric)) {
                    problem(where, "no CloudWatch alarm on " + metric);
                }
            }
            if (export instanceof String exported) {
                Set<String> scheduled = exportsScheduled.computeIfAbsent(exported, e -> new TreeSet<>());
                Cfn.map(properties.get("Events")).forEach((eventName, event) -> {
                    if ("Schedule".equals(Cfn.map(event).get("Type")) || "ScheduleV2".equals(Cfn.map(event).get("Type"))) {
                        scheduled.add(eventName);
                    }
                });
            }
        });
        if (apps.containsKey("result-notification") && exportsScheduled.getOrDefault("flushDeferred", Set.of()).isEmpty()) {
            problem("functions", "no function exports flushDeferred on a Schedule event");
        }
    }

    private void leastPrivilege(String roleName) {
        for (Object policy : Cfn.list(Cfn.properties(resources.get(roleName)).get("Policies"))) {
            for (Object statement : Cfn.list(Cfn.map(Cfn.map(policy).get("PolicyDocument")).get("Statement"))) {
                Object actions = Cfn.map(statement).get("Action");
                for (Object action : actions instanceof List<?> ? Cfn.list(actions) : List.of(String.valueOf(actions))) {
                    if (String.valueOf(action).equals("*") || String.valueOf(action).endsWith(":*")) {
                        problem("role " + roleName, "not least privilege: Action " + action);
                    }
                }
            }
        }
    }

    private App appOfZip(String where, Object codeUri) {
        if (!(codeUri instanceof String path)) {
            problem(where, "CodeUri must be the path of the function.zip the build produces, not " + codeUri);
            return null;
        }
        Path resolved = templateDirectory.resolve(path).normalize();
        for (App app : apps.values()) {
            if (app.lambdaZip() && resolved.equals(repoRoot.resolve(app.directory()).resolve("target/function.zip").normalize())) {
                return app;
            }
        }
        problem(where, "CodeUri " + path + " is not a function.zip the build produces (" + zips() + ")");
        return null;
    }

    private List<String> zips() {
        List<String> zips = new ArrayList<>();
        apps.values().stream().filter(App::lambdaZip).forEach(app -> zips.add(app.directory() + "/target/function.zip"));
        return zips;
    }

    private boolean hasLambdaAlarm(String function, String metric) {
        for (Object resource : resources.values()) {
            Map<String, Object> alarm = Cfn.properties(resource);
            if ("AWS::CloudWatch::Alarm".equals(Cfn.type(resource)) && "AWS/Lambda".equals(alarm.get("Namespace"))
                    && metric.equals(alarm.get("MetricName"))) {
                for (Object dimension : Cfn.list(alarm.get("Dimensions"))) {
                    if ("FunctionName".equals(Cfn.map(dimension).get("Name"))
                            && function.equals(Cfn.referencedResource(Cfn.map(dimension).get("Value")))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private Object effective(Map<String, Object> properties, String key, boolean sam) {
        return properties.containsKey(key) || !sam ? properties.get(key) : globals.get(key);
    }

    private Map<String, Object> environment(Map<String, Object> properties, boolean sam) {
        Map<String, Object> env = new LinkedHashMap<>();
        if (sam) {
            env.putAll(Cfn.map(Cfn.map(globals.get("Environment")).get("Variables")));
        }
        env.putAll(Cfn.map(Cfn.map(properties.get("Environment")).get("Variables")));
        return env;
    }

    private void forEachFunctionEnvironment(java.util.function.BiConsumer<String, Map<String, Object>> visitor) {
        visitor.accept("Globals.Function", Cfn.map(Cfn.map(globals.get("Environment")).get("Variables")));
        resources.forEach((name, resource) -> {
            if (FUNCTION_TYPES.contains(Cfn.type(resource))) {
                visitor.accept("function " + name,
                        Cfn.map(Cfn.map(Cfn.properties(resource).get("Environment")).get("Variables")));
            }
        });
    }

    // ------------------------------------------------------------------ containers (ECS)

    private Map<String, Map<String, Object>> containerDefinitions() {
        Map<String, Map<String, Object>> containers = new LinkedHashMap<>();
        Cfn.resourcesOfType(template, "AWS::ECS::TaskDefinition").forEach((name, task) -> {
            for (Object container : Cfn.list(Cfn.properties(task).get("ContainerDefinitions"))) {
                containers.put("container " + name + "/" + Cfn.map(container).get("Name"), Cfn.map(container));
            }
        });
        return containers;
    }

    private void containers() {
        containerDefinitions().forEach((where, container) -> {
            if (Cfn.list(Cfn.map(container.get("HealthCheck")).get("Command")).isEmpty()) {
                problem(where, "container without a health check (HealthCheck.Command)");
            }
            if (container.get("Memory") == null) {
                problem(where, "container without a memory limit (Memory)");
            }
            if (container.get("Cpu") == null) {
                problem(where, "container without a CPU limit (Cpu)");
            }
            App app = appOfImage(where, container.get("Image"));
            if (app == null) {
                return;
            }
            Map<String, Object> plain = new HashMap<>();
            for (Object item : Cfn.list(container.get("Environment"))) {
                plain.put(String.valueOf(Cfn.map(item).get("Name")), Cfn.map(item).get("Value"));
            }
            Set<String> secrets = new TreeSet<>();
            for (Object item : Cfn.list(container.get("Secrets"))) {
                secrets.add(String.valueOf(Cfn.map(item).get("Name")));
            }
            if (!"cloud".equals(plain.get("QUARKUS_PROFILE"))) {
                problem(where, "QUARKUS_PROFILE must be cloud (it is " + plain.get("QUARKUS_PROFILE") + ")");
            }
            for (String required : app.cloudEnv()) {
                if (App.isSecretName(required) ? !secrets.contains(required) : !plain.containsKey(required)) {
                    problem(where, "lacks " + required + (App.isSecretName(required) ? " in Secrets" : " in Environment")
                            + ", which the %cloud profile of " + App.propertiesPath(app.directory()) + " needs");
                }
            }
        });
        for (var group : Cfn.resourcesOfType(template, "AWS::ElasticLoadBalancingV2::TargetGroup").entrySet()) {
            if (!"/q/health/ready".equals(Cfn.properties(group.getValue()).get("HealthCheckPath"))) {
                problem("resource " + group.getKey(), "target group health check must be /q/health/ready");
            }
        }
    }

    private App appOfImage(String where, Object image) {
        String text = Cfn.textOf(image);
        if (text != null) {
            for (App app : apps.values()) {
                if (app.matchesImage(text)) {
                    return app;
                }
            }
        }
        List<String> expected = new ArrayList<>();
        apps.values().forEach(app -> expected.add(app.repository()));
        problem(where, "wrong image name " + (text == null ? image : text) + ": not an image the build produces " + expected);
        return null;
    }

    private void everyAppDeployed() {
        Set<String> deployed = new TreeSet<>();
        resources.forEach((name, resource) -> {
            if ("AWS::Serverless::Function".equals(Cfn.type(resource))) {
                Object codeUri = effective(Cfn.properties(resource), "CodeUri", true);
                if (codeUri instanceof String path) {
                    Path resolved = templateDirectory.resolve(path).normalize();
                    apps.values().forEach(app -> {
                        if (resolved.equals(repoRoot.resolve(app.directory()).resolve("target/function.zip").normalize())) {
                            deployed.add(app.id());
                        }
                    });
                }
            }
        });
        containerDefinitions().values().forEach(container -> {
            String text = Cfn.textOf(container.get("Image"));
            apps.values().forEach(app -> {
                if (text != null && app.matchesImage(text)) {
                    deployed.add(app.id());
                }
            });
        });
        for (String id : apps.keySet()) {
            if (!deployed.contains(id)) {
                problem("template", "application " + id + " is not deployed by this template");
            }
        }
    }

    private static boolean isFalse(Object value) {
        return Boolean.FALSE.equals(value) || "false".equals(value);
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    private void problem(String where, String message) {
        problems.add(file + ": " + where + ": " + message);
    }
}
