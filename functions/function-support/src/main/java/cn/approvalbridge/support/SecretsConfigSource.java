package cn.approvalbridge.support;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.spi.ConfigSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Secrets read at start from Secrets Manager instead of environment variables: for each environment variable
 * {@code NAME_FROM_SECRET=<secret ARN>#<JSON key>} this source gives {@code NAME} the value of that key in that secret,
 * so {@code ${DB_PASSWORD}} in the cloud profile resolves from {@code DB_PASSWORD_FROM_SECRET}. The environment then
 * holds only ARNs, which the function's role alone may read; each secret is fetched once. A real environment variable
 * {@code NAME} wins (ordinal below the environment's), as on Kubernetes, where Secrets arrive as variables.
 */
public class SecretsConfigSource implements ConfigSource {

    public static final String SUFFIX = "_FROM_SECRET";

    private final Map<String, String> references = new TreeMap<>();
    private final Supplier<SecretReader> readers;
    private Map<String, String> values;

    /** ServiceLoader's: the process environment, the AWS SDK. */
    public SecretsConfigSource() {
        this(System.getenv(), AwsSecretReader::new);
    }

    public SecretsConfigSource(Map<String, String> environment, Supplier<SecretReader> readers) {
        environment.forEach((name, value) -> {
            if (name.endsWith(SUFFIX) && name.length() > SUFFIX.length() && value != null && !value.isBlank()) {
                references.put(name.substring(0, name.length() - SUFFIX.length()), value.strip());
            }
        });
        this.readers = readers;
    }

    @Override
    public Set<String> getPropertyNames() {
        return references.keySet();
    }

    @Override
    public String getValue(String name) {
        return references.containsKey(name) ? values().get(name) : null;
    }

    @Override
    public String getName() {
        return "secrets-manager";
    }

    @Override
    public int getOrdinal() {
        return 275;
    }

    private synchronized Map<String, String> values() {
        if (values == null) {
            SecretReader reader = readers.get();
            Map<String, JsonNode> secrets = new HashMap<>();
            Map<String, String> read = new HashMap<>();
            ObjectMapper json = new ObjectMapper();
            references.forEach((name, reference) -> {
                int hash = reference.lastIndexOf('#');
                if (hash <= 0 || hash == reference.length() - 1) {
                    throw new IllegalStateException(name + SUFFIX + " must be <secret ARN>#<JSON key>");
                }
                String arn = reference.substring(0, hash);
                String key = reference.substring(hash + 1);
                JsonNode secret = secrets.computeIfAbsent(arn, a -> {
                    try {
                        return json.readTree(reader.secretString(a));
                    } catch (IOException e) {
                        // the message would quote the secret: only say where it came from
                        throw new IllegalStateException("the secret named by " + name + SUFFIX + " is not JSON", null);
                    }
                });
                JsonNode value = secret.get(key);
                if (value == null || !value.isTextual()) {
                    throw new IllegalStateException("the secret named by " + name + SUFFIX + " has no text key " + key);
                }
                read.put(name, value.asText());
            });
            values = read;
        }
        return values;
    }
}
