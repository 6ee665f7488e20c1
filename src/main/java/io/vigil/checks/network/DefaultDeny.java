package io.vigil.checks.network;

import io.vigil.check.ClusterView;
import io.vigil.check.Violation;
import io.vigil.checks.network.NetworkPolicies.Direction;
import io.vigil.model.KubeObject;
import java.util.List;

/**
 * The shared finding of the two namespace default-deny checks. A Cilium or Calico policy that selects every
 * pod of the namespace and allows nothing in the direction counts as the default deny too (CHECKS.md).
 */
final class DefaultDeny {
    private DefaultDeny() {}

    static List<Violation> missing(KubeObject namespace, ClusterView view, Direction direction) {
        List<KubeObject> policies = NetworkPolicies.inNamespace(view, namespace.name());
        if (NetworkPolicies.hasDefaultDeny(policies, direction)
                || CniPolicies.defaultDeny(view, namespace.name(), direction)) {
            return List.of();
        }
        String observed = policies.isEmpty()
                ? "no NetworkPolicy in the namespace"
                : policies.size() + " NetworkPolic" + (policies.size() == 1 ? "y" : "ies")
                        + ", none selects all pods with no " + direction.label() + " rules";
        String expected = "a NetworkPolicy with podSelector {}, policyTypes [" + direction.type + "] and no "
                + direction.label() + " rules";
        return List.of(Violation.of(
                "metadata",
                observed,
                expected,
                "namespace " + namespace.name() + " has no default-deny " + direction.label() + " NetworkPolicy"));
    }
}
