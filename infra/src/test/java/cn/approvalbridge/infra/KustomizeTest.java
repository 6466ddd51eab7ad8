package cn.approvalbridge.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kustomize subset renders as kubectl apply -k would, for the features the manifests use. */
class KustomizeTest {

    @TempDir
    Path dir;

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: approval-bridge/hub:1
                      envFrom: [{configMapRef: {name: settings}}]
                      env:
                        - {name: A, value: "1"}
                        - {name: B, value: "2"}
                      resources: {limits: {cpu: "1", memory: 1Gi}}
                    - name: sidecar
                      image: busybox:1
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: web}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              maxReplicas: 3
            """;

    private void write(String path, String text) throws IOException {
        Files.createDirectories(dir.resolve(path).getParent());
        Files.writeString(dir.resolve(path), text);
    }

    private static Map<String, Object> find(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> Kustomize.kind(o).equals(kind)).findFirst().orElseThrow();
    }

    private static Map<String, Object> container(Map<String, Object> deployment, int index) {
        return Cfn.map(Cfn.list(Cfn.map(Cfn.map(Cfn.map(deployment.get("spec")).get("template")).get("spec"))
                .get("containers")).get(index));
    }

    @Test
    void overlayMergesPatchesGeneratorsAndRenamesReferences() throws IOException {
        write("base/app.yaml", DEPLOYMENT);
        write("base/kustomization.yaml", """
                resources: [app.yaml]
                configMapGenerator:
                  - name: settings
                    literals: [X=1, Y=2]
                """);
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          env:
                            - {name: B, value: "20"}
                            - {name: C, value: "3"}
                          resources: {limits: null}
                """);
        write("overlay/kustomization.yaml", """
                namespace: team
                namePrefix: ab-
                resources: [../base]
                labels:
                  - pairs: {tier: backend}
                configMapGenerator:
                  - name: settings
                    behavior: merge
                    literals: [Y=20]
                patches:
                  - path: patch.yaml
                images:
                  - {name: approval-bridge/hub, newName: reg.example/approval-bridge/hub, newTag: "2"}
                """);
        List<Map<String, Object>> objects = Kustomize.build(dir.resolve("overlay"));

        Map<String, Object> configMap = find(objects, "ConfigMap");
        String configMapName = Kustomize.name(configMap);
        assertTrue(configMapName.matches("ab-settings-[0-9a-f]{10}"), configMapName);
        assertEquals(Map.of("X", "1", "Y", "20"), configMap.get("data"));

        Map<String, Object> deployment = find(objects, "Deployment");
        assertEquals("ab-web", Kustomize.name(deployment));
        assertEquals("team", Cfn.map(deployment.get("metadata")).get("namespace"));
        assertEquals("backend", Cfn.map(Cfn.map(deployment.get("metadata")).get("labels")).get("tier"));
        Map<String, Object> web = container(deployment, 0);
        assertEquals("reg.example/approval-bridge/hub:2", web.get("image"));
        assertEquals("busybox:1", container(deployment, 1).get("image"), "containers merge by name: the sidecar stays");
        assertEquals(List.of(Map.of("name", "A", "value", "1"), Map.of("name", "B", "value", "20"),
                Map.of("name", "C", "value", "3")), web.get("env"), "env merges by name");
        assertFalse(Cfn.map(web.get("resources")).containsKey("limits"), "null deletes");
        assertEquals(configMapName, Cfn.map(Cfn.map(Cfn.list(web.get("envFrom")).get(0)).get("configMapRef")).get("name"));
        assertEquals("ab-web", Cfn.map(Cfn.map(find(objects, "HorizontalPodAutoscaler").get("spec")).get("scaleTargetRef")).get("name"));
    }

    @Test
    void whatTheCheckCannotRenderFailsInsteadOfBeingSkipped() throws IOException {
        write("a/kustomization.yaml", "resources: []\nreplicas: [{name: web, count: 3}]\n");
        assertTrue(assertThrows(Kustomize.KustomizeException.class, () -> Kustomize.build(dir.resolve("a")))
                .getMessage().contains("kustomization field replicas is not supported"));
        write("b/app.yaml", DEPLOYMENT);
        write("b/kustomization.yaml", """
                resources: [app.yaml]
                patches:
                  - patch: |-
                      apiVersion: apps/v1
                      kind: Deployment
                      metadata: {name: missing}
                      spec: {replicas: 2}
                """);
        assertTrue(assertThrows(Kustomize.KustomizeException.class, () -> Kustomize.build(dir.resolve("b")))
                .getMessage().contains("matches no resource"));
    }
}
