package cn.approvalbridge.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks rendered objects against the Kubernetes API's OpenAPI schemas as npm kubernetes-models ships them (pinned in
 * schema/package-lock.json, installed by the build's npm ci): required fields, types, formats and enums, which the
 * Fabric8 model check cannot see (it fills in nothing and requires nothing). Runs schema/validate-k8s.mjs with node.
 */
final class K8sSchemaCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private K8sSchemaCheck() {
    }

    static List<String> check(String where, List<Map<String, Object>> objects) {
        Path script = Locations.infra().resolve("schema/validate-k8s.mjs");
        if (!Files.isDirectory(Locations.infra().resolve("schema/node_modules/kubernetes-models"))) {
            return List.of(where + ": kubernetes-models is not installed: run npm ci in infra/schema (the Maven build does)");
        }
        List<String> problems = new ArrayList<>();
        try {
            Path input = Files.createTempFile("k8s-objects", ".json");
            try {
                MAPPER.writeValue(input.toFile(), objects);
                Process node = new ProcessBuilder(System.getProperty("infra.node", "node"), script.toString(), input.toString())
                        .redirectErrorStream(true).start();
                String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!node.waitFor(120, TimeUnit.SECONDS) || node.exitValue() != 0) {
                    node.destroyForcibly();
                    return List.of(where + ": the Kubernetes schema validation did not run: " + output.strip());
                }
                for (String line : output.lines().toList()) {
                    if (!line.matches("\\d+\t.*")) {
                        problems.add(where + ": the Kubernetes schema validation said: " + line);
                        continue;
                    }
                    String[] parts = line.split("\t", 2);
                    Map<String, Object> object = objects.get(Integer.parseInt(parts[0]));
                    problems.add(where + ": " + object.get("apiVersion") + " " + object.get("kind") + "/"
                            + Kustomize.name(object) + ": " + parts[1]);
                }
            } finally {
                Files.deleteIfExists(input);
            }
        } catch (IOException e) {
            return List.of(where + ": the Kubernetes schema validation did not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(where + ": interrupted");
        }
        return problems;
    }
}
