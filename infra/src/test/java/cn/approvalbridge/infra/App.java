package cn.approvalbridge.infra;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the build produces for one deployable application, read from its application.properties: the container image
 * name (quarkus.container-image.group / name / tag) and the environment variables its {@code %cloud} profile needs
 * (every {@code ${ENV_VAR}} without a default in a {@code %cloud.} value).
 */
record App(String id, String directory, String expectedGroup, String expectedName, String group, String name,
           String tag, Set<String> cloudEnv, boolean lambdaZip) {

    static final String GROUP = "approval-bridge";
    /** The deployable applications: id, module directory, whether `-Plambda` builds a function.zip. */
    static final Map<String, String> DIRECTORIES = new LinkedHashMap<>();

    static {
        DIRECTORIES.put("code-assignment", "functions/code-assignment");
        DIRECTORIES.put("result-notification", "functions/result-notification");
        DIRECTORIES.put("hub", "routes");
    }

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");
    private static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|KEY|TOKEN|HASH|CREDENTIAL");

    static String propertiesPath(String directory) {
        return directory + "/src/main/resources/application.properties";
    }

    static App load(Path repoRoot, String id) {
        String directory = DIRECTORIES.get(id);
        if (directory == null) {
            throw new IllegalArgumentException("unknown application " + id);
        }
        Path file = repoRoot.resolve(propertiesPath(directory));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(propertiesPath(directory) + " is missing under " + repoRoot
                    + ": the infra checks read the " + id + " image name (quarkus.container-image.*) and its %cloud "
                    + "environment variables from it");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        Set<String> env = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%cloud.")) {
                Matcher matcher = ENV_REFERENCE.matcher(properties.getProperty(key));
                while (matcher.find()) {
                    if (matcher.group(2) == null) {
                        env.add(matcher.group(1));
                    }
                }
            }
        }
        return new App(id, directory, GROUP, id, properties.getProperty("quarkus.container-image.group"),
                properties.getProperty("quarkus.container-image.name"),
                properties.getProperty("quarkus.container-image.tag"), env, directory.startsWith("functions/"));
    }

    static Map<String, App> loadAll(Path repoRoot, List<String> ids) {
        Map<String, App> apps = new LinkedHashMap<>();
        for (String id : ids) {
            apps.put(id, load(repoRoot, id));
        }
        return apps;
    }

    /** PASSWORD, SECRET, KEY, TOKEN, and also password HASHes and CREDENTIALs: they come from secret stores only. */
    static boolean isSecretName(String envName) {
        // KEY_PROJECT is the domain's 重点项目 (KEY_PROJECT_PLATFORM_URL), not a key
        return SECRET_NAME.matcher(envName.replace("KEY_PROJECT", "")).find();
    }

    /** The image repository the build pushes, e.g. approval-bridge/hub. */
    String repository() {
        return expectedGroup + "/" + expectedName;
    }

    /** Problems with the application's own container-image configuration. */
    List<String> imageConfigurationProblems() {
        List<String> problems = new ArrayList<>();
        String where = propertiesPath(directory);
        if (!expectedGroup.equals(group)) {
            problems.add(where + ": quarkus.container-image.group is " + group + ", expected " + expectedGroup);
        }
        if (!expectedName.equals(name)) {
            problems.add(where + ": quarkus.container-image.name is " + name + ", expected " + expectedName);
        }
        return problems;
    }

    /**
     * Whether an image reference names this application's image: [registry/]group/name[:tag], with the tag equal to
     * quarkus.container-image.tag when the application sets one. Placeholders like ${ImageTag} pass as any tag.
     */
    boolean matchesImage(String image) {
        String reference = image;
        String imageTag = null;
        int at = reference.indexOf('@');
        if (at >= 0) {
            reference = reference.substring(0, at);
        }
        int colon = reference.lastIndexOf(':');
        if (colon > reference.lastIndexOf('/')) {
            imageTag = reference.substring(colon + 1);
            reference = reference.substring(0, colon);
        }
        if (!(reference.equals(repository()) || reference.endsWith("/" + repository()))) {
            return false;
        }
        return tag == null || tag.contains("${") || imageTag == null || imageTag.startsWith("${") || imageTag.equals(tag);
    }
}
