package io.vigil.checks.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Json;
import io.vigil.checks.network.NetworkPolicies.Direction;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.List;

/**
 * A namespace whose egress is denied by default (by a NetworkPolicy or a CNI policy, {@link CniPolicies})
 * but where no policy lets pods reach cluster DNS (UDP 53 in kube-system, or anywhere): name resolution
 * fails, and teams tend to "fix" that by deleting the default deny. Only UDP counts as the allowance; TCP
 * 53 is recommended on top but not required.
 */
public final class EgressNoDns implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("netpol-egress-no-dns")
            .title("Default-deny egress without a DNS allowance")
            .severity(Severity.LOW)
            .family(Family.NETWORK)
            .subjects(Kinds.NAMESPACE)
            .reads(NetworkPolicies.READS)
            .remediation("add an egress rule allowing UDP and TCP port 53 to the kube-system namespace "
                    + "(namespaceSelector kubernetes.io/metadata.name: kube-system, podSelector k8s-app: kube-dns)")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        String namespace = subject.name();
        List<KubeObject> policies = NetworkPolicies.inNamespace(view, namespace);
        if (!NetworkPolicies.hasDefaultDeny(policies, Direction.EGRESS)
                && !CniPolicies.defaultDeny(view, namespace, Direction.EGRESS)) {
            return List.of();
        }
        KubeSystem kubeSystem = KubeSystem.of(view);
        boolean networkPolicyAllows = policies.stream().anyMatch(p -> allowsDns(p, namespace, kubeSystem));
        if (CniPolicies.allowsDns(view, namespace, networkPolicyAllows)) {
            return List.of();
        }
        return List.of(Violation.of(
                "metadata",
                "egress denied by default, no rule allows UDP port 53",
                "an egress rule allowing UDP port 53 to kube-system or to any destination",
                "namespace " + namespace + " denies egress by default but allows no DNS traffic"));
    }

    private static boolean allowsDns(KubeObject policy, String namespace, KubeSystem kubeSystem) {
        for (JsonNode rule : NetworkPolicies.effectiveRules(policy, Direction.EGRESS)) {
            if (rule.isObject() && portsAllowDns(rule.get("ports")) && reachesKubeSystem(rule, namespace, kubeSystem)) {
                return true;
            }
        }
        return false;
    }

    /** No ports (or {@code []}) means every port; otherwise one entry must admit UDP 53. */
    private static boolean portsAllowDns(JsonNode ports) {
        if (!Json.isSet(ports) || (ports.isArray() && ports.isEmpty())) {
            return true;
        }
        return Json.elements(ports).stream().anyMatch(port -> DnsPorts.admitsUdp53(port, false));
    }

    private static boolean reachesKubeSystem(JsonNode rule, String namespace, KubeSystem kubeSystem) {
        if (NetworkPolicies.peersUnrestricted(rule, Direction.EGRESS)) {
            return true;
        }
        for (JsonNode peer : Json.elements(rule.get("to"))) {
            if (peerReachesKubeSystem(peer, namespace, kubeSystem)) {
                return true;
            }
        }
        return false;
    }

    private static boolean peerReachesKubeSystem(JsonNode peer, String namespace, KubeSystem kubeSystem) {
        JsonNode ipBlock = peer.path("ipBlock");
        if (ipBlock.isObject()) {
            JsonNode except = ipBlock.get("except");
            return NetworkPolicies.isAnyAddress(Json.text(ipBlock, "cidr"))
                    && (!Json.isSet(except) || (except.isArray() && except.isEmpty()));
        }
        JsonNode namespaceSelector = peer.get("namespaceSelector");
        if (Json.isSet(namespaceSelector)) {
            return LabelSelectors.matches(namespaceSelector, kubeSystem.labels());
        }
        return peer.isObject() && NetworkPolicies.KUBE_SYSTEM.equals(namespace);
    }
}
