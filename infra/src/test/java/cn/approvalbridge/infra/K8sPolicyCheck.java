package cn.approvalbridge.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

/**
 * The deployment policy of the rendered Kubernetes objects: every container has liveness and readiness probes on the
 * Quarkus health endpoints and CPU and memory requests and limits; images are the ones the build produces; the hub's
 * replicas, rollout, disruption budget, TLS Ingress and network policies are as K8sTrafficCheck requires; the
 * functions have a HorizontalPodAutoscaler (autoscaling/v2), only the hub may reach them, and every Deployment has a
 * Service; no Secret carries data; secret-named variables come only from secretKeyRef; and every environment variable
 * of each application's %cloud profile is provided, with QUARKUS_PROFILE=cloud.
 */
final class K8sPolicyCheck {

    private final String where;
    private final List<HasMetadata> objects;
    private final Map<String, App> apps;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, ConfigMap> configMaps = new LinkedHashMap<>();

    private K8sPolicyCheck(String where, List<HasMetadata> objects, Map<String, App> apps) {
        this.where = where;
        this.objects = objects;
        this.apps = apps;
        for (HasMetadata object : objects) {
            if (object instanceof ConfigMap configMap) {
                configMaps.put(configMap.getMetadata().getName(), configMap);
            }
        }
    }

    static List<String> check(String where, List<HasMetadata> objects, Map<String, App> apps) {
        K8sPolicyCheck check = new K8sPolicyCheck(where, objects, apps);
        check.run();
        return check.problems;
    }

    private void run() {
        Set<String> deployed = new TreeSet<>();
        for (HasMetadata object : objects) {
            String label = object.getKind() + "/" + object.getMetadata().getName();
            if (object instanceof Secret secret) {
                if (secret.getData() != null && !secret.getData().isEmpty()
                        || secret.getStringData() != null && !secret.getStringData().isEmpty()) {
                    problem(label, "secret literal: a Secret with data is in the repository; reference operator-made Secrets with secretKeyRef");
                }
            }
            if (object instanceof ConfigMap configMap && configMap.getData() != null) {
                for (String key : configMap.getData().keySet()) {
                    if (App.isSecretName(key)) {
                        problem(label, "secret literal: " + key + " is in a ConfigMap; take it from a Secret with secretKeyRef");
                    }
                }
            }
            if (object instanceof Deployment deployment) {
                App app = deployment(label, deployment);
                if (app != null) {
                    deployed.add(app.id());
                }
            }
        }
        for (String id : apps.keySet()) {
            if (!deployed.contains(id)) {
                problem("manifests", "application " + id + " has no Deployment");
            }
        }
    }

    private App deployment(String label, Deployment deployment) {
        var podSpec = deployment.getSpec().getTemplate().getSpec();
        App deploymentApp = null;
        for (Container container : podSpec.getContainers()) {
            String containerLabel = label + " container " + container.getName();
            probe(containerLabel, "livenessProbe", container.getLivenessProbe(), "/q/health/live");
            probe(containerLabel, "readinessProbe", container.getReadinessProbe(), "/q/health/ready");
            resources(containerLabel, container.getResources());
            App app = null;
            for (App candidate : apps.values()) {
                if (container.getImage() != null && candidate.matchesImage(container.getImage())) {
                    app = candidate;
                }
            }
            if (app == null) {
                List<String> expected = new ArrayList<>();
                apps.values().forEach(a -> expected.add(a.repository() + (a.tag() == null ? "" : ":" + a.tag())));
                problem(containerLabel, "wrong image name " + container.getImage() + ": not an image the build produces " + expected);
                continue;
            }
            deploymentApp = app;
            environment(containerLabel, container, app);
        }
        if (deploymentApp == null) {
            return null;
        }
        Integer replicas = deployment.getSpec().getReplicas();
        String strategy = deployment.getSpec().getStrategy() == null ? null : deployment.getSpec().getStrategy().getType();
        if (deploymentApp.id().equals("hub")) {
            K8sTrafficCheck.hub(deployment, objects).forEach(message -> problem(label, message));
        } else {
            if (!hasAutoscaler(deployment)) {
                problem(label, "stateless function without an autoscaling/v2 HorizontalPodAutoscaler");
            }
            K8sTrafficCheck.function(deployment, objects).forEach(message -> problem(label, message));
        }
        if (!hasService(deployment)) {
            problem(label, "no Service selects this Deployment's pods");
        }
        return deploymentApp;
    }

    private void probe(String label, String kind, Probe probe, String path) {
        if (probe == null) {
            problem(label, "container without " + kind);
        } else if (probe.getHttpGet() == null || !path.equals(probe.getHttpGet().getPath())) {
            problem(label, kind + " must be an httpGet on " + path);
        }
    }

    private void resources(String label, ResourceRequirements resources) {
        for (String bound : List.of("requests", "limits")) {
            var values = resources == null ? null : bound.equals("requests") ? resources.getRequests() : resources.getLimits();
            for (String resource : List.of("cpu", "memory")) {
                if (values == null || values.get(resource) == null) {
                    problem(label, "container without resource " + bound + "." + resource);
                }
            }
        }
    }

    private void environment(String label, Container container, App app) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> fromSecrets = new TreeSet<>();
        for (EnvFromSource from : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                ConfigMap configMap = configMaps.get(from.getConfigMapRef().getName());
                if (configMap == null) {
                    problem(label, "envFrom names ConfigMap " + from.getConfigMapRef().getName() + ", which is not rendered");
                } else if (configMap.getData() != null) {
                    values.putAll(configMap.getData());
                }
            }
            if (from.getSecretRef() != null) {
                problem(label, "envFrom secretRef hides which variables come from the Secret: use env with secretKeyRef");
            }
        }
        for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            boolean fromSecret = env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null;
            if (App.isSecretName(env.getName()) && !fromSecret) {
                problem(label, "secret literal: " + env.getName() + " must come from a Secret through secretKeyRef");
            }
            if (fromSecret) {
                fromSecrets.add(env.getName());
            } else if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                ConfigMap configMap = configMaps.get(env.getValueFrom().getConfigMapKeyRef().getName());
                String key = env.getValueFrom().getConfigMapKeyRef().getKey();
                if (configMap == null || configMap.getData() == null || !configMap.getData().containsKey(key)) {
                    problem(label, env.getName() + " refers to a ConfigMap key that is not rendered");
                } else {
                    values.put(env.getName(), configMap.getData().get(key));
                }
            } else {
                values.put(env.getName(), env.getValue());
            }
        }
        if (!"cloud".equals(values.get("QUARKUS_PROFILE"))) {
            problem(label, "QUARKUS_PROFILE must be cloud (it is " + values.get("QUARKUS_PROFILE") + ")");
        }
        for (String required : app.cloudEnv()) {
            if (!values.containsKey(required) && !fromSecrets.contains(required)) {
                problem(label, "lacks " + required + ", which the %cloud profile of "
                        + App.propertiesPath(app.directory()) + " needs");
            }
        }
    }

    private boolean hasAutoscaler(Deployment deployment) {
        for (HasMetadata object : objects) {
            if (object instanceof HorizontalPodAutoscaler hpa && hpa.getSpec() != null
                    && "Deployment".equals(hpa.getSpec().getScaleTargetRef().getKind())
                    && deployment.getMetadata().getName().equals(hpa.getSpec().getScaleTargetRef().getName())) {
                return true;
            }
        }
        return false;
    }

    private boolean hasService(Deployment deployment) {
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        for (HasMetadata object : objects) {
            if (object instanceof Service service && service.getSpec().getSelector() != null
                    && !service.getSpec().getSelector().isEmpty() && podLabels != null
                    && podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet())) {
                return true;
            }
        }
        return false;
    }

    private void problem(String label, String message) {
        problems.add(where + ": " + label + ": " + message);
    }
}
