package io.vigil.checks.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.ClusterView;
import io.vigil.check.support.Json;
import io.vigil.checks.network.CalicoPolicies.Policy;
import io.vigil.checks.network.NetworkPolicies.Direction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether Calico lets a namespace's pods reach cluster DNS: its policies are walked in {@code order}, and
 * the first rule covering UDP 53 to kube-system decides. Allow (or Pass, which leaves the tier for the
 * allowing profile) admits DNS; a Deny in a policy selecting every pod of the namespace shadows every
 * later allowance (Deny before Allow); a Deny in a narrower policy ends only that policy's rules.
 */
final class CalicoDns {
    /** Calico enforces Kubernetes NetworkPolicies as policies of order 1000 in its default tier. */
    private static final double KUBERNETES_POLICY_ORDER = 1000;

    private CalicoDns() {}

    static boolean allowsDns(
            List<Policy> policies,
            ClusterView view,
            String namespace,
            KubeSystem kubeSystem,
            boolean networkPolicyAllows) {
        boolean kubernetesPoliciesWalked = false;
        for (Policy p : policies) {
            if (!kubernetesPoliciesWalked && p.order() > KUBERNETES_POLICY_ORDER) {
                if (networkPolicyAllows) {
                    return true;
                }
                kubernetesPoliciesWalked = true;
            }
            if (!CalicoPolicies.governs(p.spec(), Direction.EGRESS)) {
                continue;
            }
            for (JsonNode rule : Json.elements(p.spec().get("egress"))) {
                if (!coversDns(rule, p, namespace, kubeSystem)) {
                    continue;
                }
                if (CalicoPolicies.lets(rule)) {
                    return true;
                }
                if (CalicoPolicies.denies(rule)) {
                    if (CalicoPolicies.selectsNamespace(p, view, namespace)) {
                        return false;
                    }
                    break;
                }
            }
        }
        return networkPolicyAllows;
    }

    /**
     * A rule matching UDP 53 to kube-system's pods. Negated destinations ({@code notSelector}, {@code
     * notNets}) exclude what Vigil cannot resolve, so such a rule is counted neither way.
     */
    static boolean coversDns(JsonNode rule, Policy policy, String namespace, KubeSystem kubeSystem) {
        if (!rule.isObject()) {
            return false;
        }
        JsonNode destination = rule.path("destination");
        if (CalicoPolicies.hasValue(destination.get("notSelector"))
                || CalicoPolicies.hasValue(destination.get("notNets"))
                || CalicoPolicies.hasValue(destination.get("domains"))) {
            return false;
        }
        return protocolAndPortsAdmitDns(rule, destination)
                && reachesKubeSystem(destination, policy, namespace, kubeSystem);
    }

    /** Calico accepts ports only with a protocol: no protocol and no ports is all traffic. */
    private static boolean protocolAndPortsAdmitDns(JsonNode rule, JsonNode destination) {
        if (isUdp(rule.get("notProtocol"))
                || Json.elements(destination.get("notPorts")).stream().anyMatch(DnsPorts::calicoAdmits53)) {
            return false;
        }
        JsonNode ports = destination.get("ports");
        if (!Json.isSet(rule.get("protocol"))) {
            return !Json.isSet(ports);
        }
        return isUdp(rule.get("protocol"))
                && (!Json.isSet(ports) || Json.elements(ports).stream().anyMatch(DnsPorts::calicoAdmits53));
    }

    private static boolean isUdp(JsonNode protocol) {
        String text = Json.text(protocol);
        return text != null && (text.equalsIgnoreCase("UDP") || text.equals("17"));
    }

    /**
     * Every destination constraint present must admit kube-system: {@code nets} one covering every address,
     * {@code services} one in kube-system, {@code namespaceSelector} matching kube-system's labels; a
     * {@code selector} (or {@code serviceAccounts}) alone means the policy's namespace, or every namespace for
     * a global policy. Pod labels are not compared: which pods serve DNS is the cluster's choice.
     */
    private static boolean reachesKubeSystem(
            JsonNode destination, Policy policy, String namespace, KubeSystem kubeSystem) {
        String home = policy.global() ? null : namespace;
        JsonNode nets = destination.get("nets");
        if (Json.isSet(nets) && Json.texts(nets).stream().noneMatch(NetworkPolicies::isAnyAddress)) {
            return false;
        }
        JsonNode services = destination.get("services");
        if (Json.isSet(services)) {
            String serviceNamespace = Json.text(services, "namespace");
            if (!NetworkPolicies.KUBE_SYSTEM.equals(serviceNamespace != null ? serviceNamespace : home)) {
                return false;
            }
        }
        String namespaceSelector = Json.text(destination, "namespaceSelector");
        if (namespaceSelector != null) {
            Map<String, String> labels = new HashMap<>(kubeSystem.labels());
            labels.put(CalicoPolicies.NAME_LABEL, NetworkPolicies.KUBE_SYSTEM);
            return CalicoSelector.parse(namespaceSelector)
                    .map(s -> s.test(labels))
                    .orElse(false);
        }
        boolean podScoped = Json.isSet(destination.get("selector")) || Json.isSet(destination.get("serviceAccounts"));
        return !podScoped || home == null || NetworkPolicies.KUBE_SYSTEM.equals(home);
    }
}
