package io.vigil.checks.network;

import io.vigil.check.ClusterView;
import io.vigil.checks.network.NetworkPolicies.Direction;
import io.vigil.model.Kinds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CNI's own policies as CHECKS.md (network) reads them: Cilium's {@code CiliumNetworkPolicy} and
 * {@code CiliumClusterwideNetworkPolicy} ({@link CiliumPolicies}), Calico's {@code NetworkPolicy} and
 * {@code GlobalNetworkPolicy} in both API groups ({@link CalicoPolicies}). Clusters on these CNIs often
 * have no {@code networking.k8s.io} policy at all, so without them every workload would look unprotected.
 */
final class CniPolicies {
    private CniPolicies() {}

    /** The pod the policies are asked about: its namespace, labels, namespace labels, ServiceAccount. */
    record Endpoint(
            String namespace, Map<String, String> labels, Map<String, String> namespaceLabels, String serviceAccount) {}

    /** Whether some CNI policy selects the pod (in either direction). */
    static boolean selects(ClusterView view, Endpoint pod) {
        return CiliumPolicies.specs(view, pod.namespace()).stream().anyMatch(s -> CiliumPolicies.selects(s, pod))
                || CalicoPolicies.inScope(view, pod.namespace(), pod.namespaceLabels()).stream()
                        .anyMatch(p -> CalicoPolicies.selects(p, pod, view));
    }

    /** A CNI policy that selects every pod of the namespace and allows nothing in the direction. */
    static boolean defaultDeny(ClusterView view, String namespace, Direction direction) {
        Map<String, String> nsLabels = namespaceLabels(view, namespace);
        boolean cilium = CiliumPolicies.specs(view, namespace).stream()
                .anyMatch(s -> CiliumPolicies.selectsNamespace(s, namespace, nsLabels)
                        && CiliumPolicies.deniesAll(s.body(), direction));
        return cilium || CalicoPolicies.defaultDeny(view, namespace, nsLabels, direction);
    }

    /**
     * Whether the namespace's pods may reach cluster DNS, given whether a NetworkPolicy allows it: Calico
     * orders its policies around the NetworkPolicies, Cilium allows what any policy allows unless a deny
     * rule over the whole namespace forbids it.
     */
    static boolean allowsDns(ClusterView view, String namespace, boolean networkPolicyAllows) {
        Map<String, String> nsLabels = namespaceLabels(view, namespace);
        KubeSystem kubeSystem = KubeSystem.of(view);
        List<CiliumPolicies.Spec> cilium = CiliumPolicies.specs(view, namespace);
        boolean allowed = CalicoDns.allowsDns(
                        CalicoPolicies.inScope(view, namespace, nsLabels),
                        view,
                        namespace,
                        kubeSystem,
                        networkPolicyAllows)
                || CiliumPolicies.allowsDns(cilium, namespace, nsLabels, kubeSystem);
        return allowed && !CiliumPolicies.deniesDns(cilium, namespace, nsLabels, kubeSystem);
    }

    static Map<String, String> namespaceLabels(ClusterView view, String namespace) {
        Map<String, String> labels = view.get(Kinds.NAMESPACE, null, namespace)
                .map(ns -> LabelSelectors.labels(ns.at("metadata", "labels")))
                .orElseGet(HashMap::new);
        labels.putIfAbsent(NetworkPolicies.NAMESPACE_NAME_LABEL, namespace);
        return labels;
    }
}
