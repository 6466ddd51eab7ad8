package cn.approvalbridge.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Runs every check on an AWS template or a kustomization and returns the problems, one line each. */
final class InfraChecks {

    private InfraChecks() {
    }

    static List<String> aws(Path template, Path repoRoot, Map<String, App> apps) {
        String label = repoRoot.relativize(template.toAbsolutePath().normalize()).toString();
        Map<String, Object> parsed;
        try {
            parsed = CfnYaml.load(template);
        } catch (RuntimeException e) {
            return List.of(label + ": does not parse: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>(CfnSchemaCheck.check(label, parsed, CfnSpec.get()));
        problems.addAll(AwsPolicyCheck.check(label, template.toAbsolutePath().getParent(), repoRoot, parsed, apps));
        return problems;
    }

    static List<String> kubernetes(Path kustomization, Path repoRoot, Map<String, App> apps) {
        String label = repoRoot.relativize(kustomization.toAbsolutePath().normalize()).toString();
        List<Map<String, Object>> rendered;
        try {
            rendered = Kustomize.build(kustomization);
        } catch (RuntimeException e) {
            return List.of(label + ": kustomize build fails: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>(K8sSchemaCheck.check(label, rendered));
        List<HasMetadata> typed = new ArrayList<>();
        for (Map<String, Object> object : rendered) {
            HasMetadata parsed = K8sApiCheck.parse(label, object, problems);
            if (parsed != null) {
                typed.add(parsed);
            }
        }
        problems.addAll(K8sPolicyCheck.check(label, typed, apps));
        return problems;
    }
}
