package cn.approvalbridge.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two ways to build an application's image agree: src/main/docker/Dockerfile.jvm (docker build) and the Jib keys
 * of application.properties (./mvnw package -Pimage) name the same non-root user, port and OCI labels, and the
 * Dockerfile starts the Quarkus jar. The Jib result itself is checked by infra/image/check-image.py (.ci/run).
 */
class ImageDefinitionsTest {

    private static final Pattern LABEL = Pattern.compile("([a-z][a-z0-9.]*)=\"([^\"]*)\"");

    @ParameterizedTest
    @ValueSource(strings = {"hub", "code-assignment", "result-notification"})
    void dockerfileAndJibBuildTheSameImage(String id) throws IOException {
        String directory = App.DIRECTORIES.get(id);
        Path dockerfile = Locations.appsRoot().resolve(directory).resolve("src/main/docker/Dockerfile.jvm");
        assertTrue(Files.isRegularFile(dockerfile), dockerfile + " is missing");
        String text = Files.readString(dockerfile).replace("\\\n", " ");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Locations.appsRoot().resolve(App.propertiesPath(directory)),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        }

        String user = instruction(text, "USER");
        assertFalse(user.isEmpty() || user.startsWith("0") || user.startsWith("root"), id + ": USER " + user + " is root");
        assertEquals(properties.getProperty("quarkus.jib.user"), user, id + ": the Jib user and the Dockerfile's USER");
        assertEquals("8080", instruction(text, "EXPOSE"), id + ": EXPOSE");
        assertEquals("8080", properties.getProperty("quarkus.jib.ports"), id + ": quarkus.jib.ports");
        String entrypoint = instruction(text, "ENTRYPOINT");
        assertTrue(entrypoint.contains("run-java.sh") && text.contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""),
                id + ": ENTRYPOINT " + entrypoint + " must start /deployments/quarkus-run.jar");
        assertTrue(text.contains("COPY --chown=185 target/quarkus-app/"), id + ": copies the fast-jar as user 185");

        Map<String, String> dockerLabels = new TreeMap<>();
        Matcher matcher = LABEL.matcher(instruction(text, "LABEL"));
        while (matcher.find()) {
            dockerLabels.put(matcher.group(1), matcher.group(2));
        }
        Map<String, String> jibLabels = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("quarkus.container-image.labels.")) {
                String label = key.substring("quarkus.container-image.labels.".length()).replace("\"", "");
                String value = properties.getProperty(key);
                jibLabels.put(label, value.startsWith("${") ? "${VERSION}" : value);
            }
        }
        assertEquals(id, jibLabels.get("org.opencontainers.image.title"), id + ": the title label");
        assertTrue(jibLabels.keySet().containsAll(java.util.List.of("org.opencontainers.image.title",
                "org.opencontainers.image.description", "org.opencontainers.image.version", "org.opencontainers.image.vendor")),
                id + ": OCI labels " + jibLabels.keySet());
        assertEquals(jibLabels, dockerLabels, id + ": the Dockerfile's LABELs and quarkus.container-image.labels.*");
    }

    private static String instruction(String dockerfile, String name) {
        return dockerfile.lines().filter(line -> line.startsWith(name + " ")).map(line -> line.substring(name.length()).trim())
                .reduce((first, second) -> second).orElse("");
    }
}
