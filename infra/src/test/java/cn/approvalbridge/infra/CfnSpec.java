package cn.approvalbridge.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The CloudFormation resource schemas of the npm package {@code @aws-cdk/aws-service-spec} (its db.json.gz), installed
 * by {@code npm ci} in infra/schema from the committed package-lock.json. Resource types are keyed by their
 * CloudFormation name; property types ("ref") point at type definitions by id.
 */
final class CfnSpec {

    static final String PROPERTY = "infra.cfn.spec";
    private static CfnSpec instance;

    private final Map<String, JsonNode> resources = new HashMap<>();
    private final Map<String, JsonNode> typeDefinitions = new HashMap<>();
    final Path source;

    private CfnSpec(Path source) {
        this.source = source;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(source), 1 << 16)) {
            JsonNode schema = new ObjectMapper().readTree(in).path("schema");
            for (JsonNode resource : schema.path("resource").path("entities")) {
                resources.put(resource.path("cloudFormationType").asText(), resource);
            }
            for (JsonNode type : schema.path("typeDefinition").path("entities")) {
                typeDefinitions.put(type.path("$id").asText(), type);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CloudFormation resource schemas at " + source + ": " + e, e);
        }
        if (resources.size() < 1000) {
            throw new IllegalStateException(source + " holds only " + resources.size()
                    + " resource types: not the aws-service-spec database this check expects");
        }
    }

    static synchronized CfnSpec get() {
        if (instance == null) {
            String configured = System.getProperty(PROPERTY,
                    "schema/node_modules/@aws-cdk/aws-service-spec/db.json.gz");
            Path path = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("The CloudFormation resource schemas are missing at " + path
                        + ": run `npm ci` in infra/schema (the infra Maven build does it in generate-test-resources)");
            }
            instance = new CfnSpec(path);
        }
        return instance;
    }

    /** The resource type's schema, or null when CloudFormation does not know the type. */
    JsonNode resource(String cfnType) {
        return resources.get(cfnType);
    }

    JsonNode typeDefinition(String id) {
        return typeDefinitions.get(id);
    }

    int resourceCount() {
        return resources.size();
    }
}
