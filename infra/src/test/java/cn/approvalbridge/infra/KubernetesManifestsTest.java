package cn.approvalbridge.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real Kustomize base and overlays, rendered, pass every check against the real applications' configuration. */
class KubernetesManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void renderedManifestsMatchTheKubernetesApiAndThePolicy(String kustomization) {
        Map<String, App> apps = App.loadAll(Locations.appsRoot(), List.copyOf(App.DIRECTORIES.keySet()));
        List<String> problems = InfraChecks.kubernetes(Locations.infra().resolve(kustomization), Locations.repoRoot(), apps);
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlaysPlaceEverythingInTheirNamespaceAndKeepTheExternalServices(String overlay) {
        Path directory = Locations.infra().resolve("k8s/overlays/" + overlay);
        List<Map<String, Object>> objects = Kustomize.build(directory);
        String namespace = overlay.equals("prod") ? "approval-bridge" : "approval-bridge-dev";
        for (Map<String, Object> object : objects) {
            assertEquals(namespace, Cfn.map(object.get("metadata")).get("namespace"), Kustomize.name(object));
            assertEquals(overlay, Cfn.map(Cfn.map(object.get("metadata")).get("labels")).get("app.kubernetes.io/environment"));
        }
        long externalNames = objects.stream()
                .filter(o -> "ExternalName".equals(Cfn.map(o.get("spec")).get("type")))
                .filter(o -> String.valueOf(Cfn.map(o.get("spec")).get("externalName")).endsWith(".example.gov.cn"))
                .count();
        assertTrue(externalNames >= 2, "database and broker as ExternalName services pointed by the overlay");
        String host = "hub." + (overlay.equals("prod") ? "" : "dev.") + "approval-bridge.example.gov.cn";
        Map<String, Object> ingress = objects.stream().filter(o -> "Ingress".equals(o.get("kind"))).findFirst().orElseThrow();
        String spec = String.valueOf(ingress.get("spec"));
        assertTrue(spec.contains("host=" + host) && spec.contains("hosts=[" + host + "]") && spec.contains("secretName=hub-tls")
                && !spec.contains("example.invalid"), "the overlay sets the hub's host and its certificate: " + spec);
    }

    /** Each function's pod takes secrets only from its own Secret (nothing of the hub's, nothing of the other's). */
    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void eachFunctionReadsOnlyItsOwnSecret(String kustomization) {
        List<Map<String, Object>> objects = Kustomize.build(Locations.infra().resolve(kustomization));
        for (String function : List.of("code-assignment", "result-notification")) {
            Map<String, Object> deployment = objects.stream().filter(o -> "Deployment".equals(Kustomize.kind(o)))
                    .filter(o -> Kustomize.name(o).equals(function)).findFirst().orElseThrow();
            java.util.Set<String> secrets = new java.util.TreeSet<>();
            collectSecretNames(deployment, secrets);
            assertEquals(java.util.Set.of("approval-bridge-" + function), secrets, function + " in " + kustomization);
        }
    }

    /** Names of Secrets a manifest refers to: secretKeyRef, secretRef (envFrom) and secret volumes. */
    private static void collectSecretNames(Object node, java.util.Set<String> names) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if ((key.equals("secretKeyRef") || key.equals("secretRef")) && e.getValue() instanceof Map<?, ?> ref) {
                    names.add(String.valueOf(ref.get("name")));
                } else if (key.equals("secret") && e.getValue() instanceof Map<?, ?> volume) {
                    names.add(String.valueOf(volume.get("secretName")));
                }
                collectSecretNames(e.getValue(), names);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectSecretNames(item, names));
        }
    }
}
