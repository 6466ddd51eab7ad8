package cn.approvalbridge.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hand-kept allowlist of the AWS SAM properties our template uses or may reasonably use: SAM's resource types are
 * not in the CloudFormation resource schemas. Properties that SAM passes through to AWS::Lambda::Function unchanged
 * (marked LAMBDA) are checked further against that resource's schema; the SAM-only ones are described here down to
 * the fields we know. Anything not listed fails the check: add it here, with the SAM documentation open, when the
 * template needs it.
 */
final class SamSpec {

    /** Validate against the AWS::Lambda::Function property of the same name. */
    static final String LAMBDA = "lambda";
    /** Any scalar (or an intrinsic). */
    static final String SCALAR = "scalar";
    /** Anything: a free-form document (IAM policies, deployment preferences). */
    static final String ANY = "any";
    /** A map of string to scalar (SAM Tags). */
    static final String STRING_MAP = "string-map";

    static final Set<String> SUPPORTED_TYPES = Set.of("AWS::Serverless::Function");

    static final Map<String, Object> FUNCTION = new LinkedHashMap<>();
    static final Map<String, Map<String, Object>> EVENT_TYPES = new LinkedHashMap<>();
    /** Properties a function may not take from the Globals section (SAM rejects or ignores them there). */
    static final Set<String> NOT_IN_GLOBALS = Set.of("Role", "Policies", "FunctionName", "Events");

    static {
        for (String passThrough : List.of("Architectures", "CodeSigningConfigArn", "Description", "Environment",
                "EphemeralStorage", "FileSystemConfigs", "FunctionName", "Handler", "ImageConfig", "KmsKeyArn",
                "Layers", "LoggingConfig", "MemorySize", "PackageType", "RecursiveLoop",
                "ReservedConcurrentExecutions", "Role", "Runtime", "RuntimeManagementConfig", "SnapStart", "Timeout",
                "VpcConfig")) {
            FUNCTION.put(passThrough, LAMBDA);
        }
        for (String scalar : List.of("AutoPublishAlias", "AutoPublishAliasAllProperties", "AutoPublishCodeSha256",
                "ImageUri", "InlineCode", "PermissionsBoundary", "PropagateTags", "RolePath", "SourceKMSKeyId",
                "Tracing", "VersionDescription")) {
            FUNCTION.put(scalar, SCALAR);
        }
        FUNCTION.put("CodeUri", SCALAR); // a local path or an S3 URI; the {Bucket, Key} form is not used here
        FUNCTION.put("Tags", STRING_MAP);
        FUNCTION.put("Policies", ANY);
        FUNCTION.put("AssumeRolePolicyDocument", ANY);
        FUNCTION.put("DeploymentPreference", ANY);
        FUNCTION.put("FunctionUrlConfig", ANY);
        FUNCTION.put("DeadLetterQueue", Map.of("Type", SCALAR, "TargetArn", SCALAR));
        FUNCTION.put("ProvisionedConcurrencyConfig", Map.of("ProvisionedConcurrentExecutions", SCALAR));
        Map<String, Object> destination = Map.of("Type", SCALAR, "Destination", SCALAR);
        FUNCTION.put("EventInvokeConfig", Map.of(
                "MaximumEventAgeInSeconds", SCALAR,
                "MaximumRetryAttempts", SCALAR,
                "DestinationConfig", Map.of("OnSuccess", destination, "OnFailure", destination)));
        FUNCTION.put("Events", "events");

        EVENT_TYPES.put("Schedule", Map.of("Schedule", SCALAR, "Name", SCALAR, "Description", SCALAR,
                "Enabled", SCALAR, "State", SCALAR, "Input", SCALAR,
                "DeadLetterConfig", Map.of("Arn", SCALAR, "Type", SCALAR, "QueueLogicalId", SCALAR),
                "RetryPolicy", Map.of("MaximumEventAgeInSeconds", SCALAR, "MaximumRetryAttempts", SCALAR)));
        EVENT_TYPES.put("SQS", Map.of("Queue", SCALAR, "BatchSize", SCALAR, "Enabled", SCALAR,
                "MaximumBatchingWindowInSeconds", SCALAR, "FunctionResponseTypes", ANY, "ScalingConfig", ANY));
    }

    private SamSpec() {
    }
}
