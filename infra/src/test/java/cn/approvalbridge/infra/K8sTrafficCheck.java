package cn.approvalbridge.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * What real traffic needs of the rendered objects. The hub: at least 2 replicas, a RollingUpdate that never lowers the
 * ready count (maxUnavailable 0), a PodDisruptionBudget keeping at least one pod, an Ingress with TLS from a Secret for
 * every host it serves that routes to the hub's Service, and network policies under which only pods of another
 * namespace (the Ingress controller's) reach it. Each function: network policies under which only the hub's pods reach
 * it. A policy "selects" a pod when its podSelector matches the pod template's labels.
 */
final class K8sTrafficCheck {

    private K8sTrafficCheck() {
    }

    static List<String> hub(Deployment hub, List<HasMetadata> objects) {
        List<String> problems = new ArrayList<>();
        var spec = hub.getSpec();
        if (spec.getReplicas() == null || spec.getReplicas() < 2) {
            problems.add("the hub must run at least 2 replicas (one lost or being replaced leaves another serving), not "
                    + spec.getReplicas());
        }
        var strategy = spec.getStrategy();
        if (strategy == null || !"RollingUpdate".equals(strategy.getType())) {
            problems.add("the hub must use strategy RollingUpdate, not " + (strategy == null ? null : strategy.getType()));
        } else {
            IntOrString unavailable = strategy.getRollingUpdate() == null ? null : strategy.getRollingUpdate().getMaxUnavailable();
            if (unavailable == null || !("0".equals(String.valueOf(unavailable.getValue()))
                    || "0%".equals(String.valueOf(unavailable.getValue())))) {
                problems.add("the hub's RollingUpdate must have maxUnavailable 0 (a rollout never lowers the ready count), not "
                        + (unavailable == null ? "the default 25%" : unavailable.getValue()));
            }
        }
        Map<String, String> podLabels = hub.getSpec().getTemplate().getMetadata().getLabels();
        boolean budget = objects.stream().anyMatch(o -> o instanceof PodDisruptionBudget pdb && pdb.getSpec() != null
                && selects(pdb.getSpec().getSelector(), podLabels)
                && (pdb.getSpec().getMinAvailable() != null && !"0".equals(String.valueOf(pdb.getSpec().getMinAvailable().getValue()))
                    || pdb.getSpec().getMaxUnavailable() != null));
        if (!budget) {
            problems.add("no PodDisruptionBudget (policy/v1) keeps a hub pod available during node drains");
        }
        problems.addAll(ingress(hub, objects));
        Map<String, List<NetworkPolicyPeer>> allowed = allowedPeers(podLabels, objects);
        if (allowed == null) {
            problems.add("no NetworkPolicy restricts who reaches the hub (only the Ingress controller's namespace may)");
        } else {
            allowed.forEach((policy, peers) -> {
                if (peers.stream().anyMatch(peer -> peer == null || peer.getNamespaceSelector() == null
                        || peer.getIpBlock() != null || peer.getNamespaceSelector().getMatchLabels() == null
                                && peer.getNamespaceSelector().getMatchExpressions() == null)) {
                    problems.add("NetworkPolicy " + policy + " lets more than the Ingress controller's namespace reach the hub");
                }
            });
        }
        return problems;
    }

    static List<String> function(Deployment function, List<HasMetadata> objects) {
        Map<String, String> podLabels = function.getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> hubLabels = null;
        for (HasMetadata object : objects) {
            if (object instanceof Deployment deployment && "hub".equals(deployment.getMetadata().getName())) {
                hubLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, List<NetworkPolicyPeer>> allowed = allowedPeers(podLabels, objects);
        if (allowed == null) {
            problems.add("no NetworkPolicy restricts who reaches this function (only the hub may)");
        } else if (hubLabels != null) {
            // without a hub Deployment ("application hub has no Deployment") there is nothing to compare peers with
            Map<String, String> hub = hubLabels;
            allowed.forEach((policy, peers) -> {
                if (peers.stream().anyMatch(peer -> peer == null || peer.getNamespaceSelector() != null
                        || peer.getIpBlock() != null || !selects(peer.getPodSelector(), hub)
                        || selects(peer.getPodSelector(), podLabels))) {
                    problems.add("NetworkPolicy " + policy + " lets more than the hub's pods reach this function");
                }
            });
        }
        return problems;
    }

    private static List<String> ingress(Deployment hub, List<HasMetadata> objects) {
        List<String> services = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object instanceof Service service && service.getSpec().getSelector() != null
                    && hub.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                            .containsAll(service.getSpec().getSelector().entrySet())) {
                services.add(service.getMetadata().getName());
            }
        }
        List<String> problems = new ArrayList<>();
        boolean any = false;
        for (HasMetadata object : objects) {
            if (!(object instanceof Ingress ingress) || ingress.getSpec() == null || ingress.getSpec().getRules() == null) {
                continue;
            }
            boolean toHub = ingress.getSpec().getRules().stream()
                    .filter(rule -> rule.getHttp() != null && rule.getHttp().getPaths() != null)
                    .flatMap(rule -> rule.getHttp().getPaths().stream())
                    .anyMatch(path -> path.getBackend() != null && path.getBackend().getService() != null
                            && services.contains(path.getBackend().getService().getName()));
            if (!toHub) {
                continue;
            }
            any = true;
            List<IngressTLS> tls = ingress.getSpec().getTls() == null ? List.of() : ingress.getSpec().getTls();
            for (var rule : ingress.getSpec().getRules()) {
                boolean covered = tls.stream().anyMatch(t -> t.getSecretName() != null && !t.getSecretName().isBlank()
                        && t.getHosts() != null && t.getHosts().contains(rule.getHost()));
                if (rule.getHost() == null || !covered) {
                    problems.add("Ingress " + ingress.getMetadata().getName() + ": host " + rule.getHost()
                            + " is served without TLS from a certificate Secret (spec.tls hosts + secretName)");
                }
            }
        }
        if (!any) {
            problems.add("no Ingress routes to the hub's Service " + services);
        }
        return problems;
    }

    /**
     * The peers each Ingress policy selecting these pods lets in, by policy name; null when no Ingress policy selects
     * them (then every pod of the cluster reaches them). A deny-all policy (no rules) selects and lets nothing in.
     */
    private static Map<String, List<NetworkPolicyPeer>> allowedPeers(Map<String, String> podLabels, List<HasMetadata> objects) {
        Map<String, List<NetworkPolicyPeer>> allowed = null;
        for (HasMetadata object : objects) {
            if (object instanceof NetworkPolicy policy && policy.getSpec() != null
                    && selects(policy.getSpec().getPodSelector(), podLabels) && isIngress(policy)) {
                if (allowed == null) {
                    allowed = new LinkedHashMap<>();
                }
                allowed.put(policy.getMetadata().getName(), peers(policy));
            }
        }
        return allowed;
    }

    private static boolean isIngress(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        return types == null || types.isEmpty() || types.contains("Ingress");
    }

    /** Every peer that a policy's ingress rules allow; null stands for "anyone" (a rule without from). */
    private static List<NetworkPolicyPeer> peers(NetworkPolicy policy) {
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress() == null
                ? List.<NetworkPolicyIngressRule>of() : policy.getSpec().getIngress()) {
            if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                peers.add(null);
            } else {
                peers.addAll(rule.getFrom());
            }
        }
        return peers;
    }

    /** Whether a label selector matches these labels (an empty selector matches everything, a null one nothing). */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null || labels == null) {
            return false;
        }
        if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions() == null
                ? List.<LabelSelectorRequirement>of() : selector.getMatchExpressions()) {
            String value = labels.get(requirement.getKey());
            List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
            boolean ok = switch (requirement.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
