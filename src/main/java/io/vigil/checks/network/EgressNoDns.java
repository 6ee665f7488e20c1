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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A namespace whose egress is denied by default but where no policy lets pods reach cluster DNS (UDP 53
 * in kube-system, or anywhere): name resolution fails, and teams tend to "fix" that by deleting the
 * default deny. Only UDP counts as the allowance; TCP 53 is recommended on top but not required.
 */
public final class EgressNoDns implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("netpol-egress-no-dns")
            .title("Default-deny egress without a DNS allowance")
            .severity(Severity.LOW)
            .family(Family.NETWORK)
            .subjects(Kinds.NAMESPACE)
            .reads(Kinds.NETWORK_POLICY, Kinds.NAMESPACE)
            .remediation("add an egress rule allowing UDP and TCP port 53 to the kube-system namespace "
                    + "(namespaceSelector kubernetes.io/metadata.name: kube-system, podSelector k8s-app: kube-dns)")
            .build();

    private static final Set<String> DNS_PORT_NAMES = Set.of("dns", "domain");
    private static final int DNS_PORT = 53;

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        String namespace = subject.name();
        List<KubeObject> policies = NetworkPolicies.inNamespace(view, namespace);
        if (!NetworkPolicies.hasDefaultDeny(policies, Direction.EGRESS)) {
            return List.of();
        }
        Map<String, String> kubeSystemLabels = kubeSystemLabels(view);
        for (KubeObject policy : policies) {
            if (allowsDns(policy, namespace, kubeSystemLabels)) {
                return List.of();
            }
        }
        return List.of(Violation.of(
                "metadata",
                "egress denied by default, no rule allows UDP port 53",
                "an egress rule allowing UDP port 53 to kube-system or to any destination",
                "namespace " + namespace + " denies egress by default but allows no DNS traffic"));
    }

    private static boolean allowsDns(KubeObject policy, String namespace, Map<String, String> kubeSystemLabels) {
        for (JsonNode rule : NetworkPolicies.effectiveRules(policy, Direction.EGRESS)) {
            if (rule.isObject()
                    && portsAllowDns(rule.get("ports"))
                    && reachesKubeSystem(rule, namespace, kubeSystemLabels)) {
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
        for (JsonNode port : Json.elements(ports)) {
            if (isUdp(port) && admits53(port)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUdp(JsonNode port) {
        String protocol = Json.text(port, "protocol");
        return protocol != null && protocol.equalsIgnoreCase("UDP");
    }

    private static boolean admits53(JsonNode port) {
        JsonNode value = port.get("port");
        if (!Json.isSet(value)) {
            return true;
        }
        String text = Json.text(value);
        if (text == null) {
            return false;
        }
        if (!isDigits(text)) {
            return DNS_PORT_NAMES.contains(NetworkPolicies.lower(text));
        }
        int first = Integer.parseInt(text);
        String end = Json.text(port.get("endPort"));
        int last = isDigits(end) ? Integer.parseInt(end) : first;
        return first <= DNS_PORT && DNS_PORT <= last;
    }

    private static boolean isDigits(String s) {
        return s != null && !s.isEmpty() && s.length() <= 6 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean reachesKubeSystem(JsonNode rule, String namespace, Map<String, String> kubeSystemLabels) {
        if (NetworkPolicies.peersUnrestricted(rule, Direction.EGRESS)) {
            return true;
        }
        for (JsonNode peer : Json.elements(rule.get("to"))) {
            if (peerReachesKubeSystem(peer, namespace, kubeSystemLabels)) {
                return true;
            }
        }
        return false;
    }

    private static boolean peerReachesKubeSystem(
            JsonNode peer, String namespace, Map<String, String> kubeSystemLabels) {
        JsonNode ipBlock = peer.path("ipBlock");
        if (ipBlock.isObject()) {
            JsonNode except = ipBlock.get("except");
            return NetworkPolicies.isAnyAddress(Json.text(ipBlock, "cidr"))
                    && (!Json.isSet(except) || (except.isArray() && except.isEmpty()));
        }
        JsonNode namespaceSelector = peer.get("namespaceSelector");
        if (Json.isSet(namespaceSelector)) {
            return LabelSelectors.matches(namespaceSelector, kubeSystemLabels);
        }
        return peer.isObject() && NetworkPolicies.KUBE_SYSTEM.equals(namespace);
    }

    /** kube-system's labels as the cluster (or the scan) shows them, plus the label the API server sets. */
    private static Map<String, String> kubeSystemLabels(ClusterView view) {
        Map<String, String> labels = new HashMap<>();
        for (KubeObject ns : view.list(Kinds.NAMESPACE)) {
            if (NetworkPolicies.KUBE_SYSTEM.equals(ns.name())) {
                labels.putAll(LabelSelectors.labels(ns.at("metadata", "labels")));
            }
        }
        labels.put(NetworkPolicies.NAMESPACE_NAME_LABEL, NetworkPolicies.KUBE_SYSTEM);
        return labels;
    }
}
