package io.vigil.checks.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.ClusterView;
import io.vigil.check.support.Json;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * NetworkPolicy semantics as the API server and CNI plugins apply them. The scan pre-applies the
 * {@code policyTypes} defaulting, but objects from elsewhere (or hand-edited caches) may lack it, so the
 * effective directions are always recomputed here.
 */
final class NetworkPolicies {
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    static final String KUBE_SYSTEM = "kube-system";

    /**
     * What the selection, default-deny and DNS checks read: NetworkPolicies, namespaces, the CNI's policies,
     * and ServiceAccounts (Calico's {@code serviceAccountSelector} selects pods by their account's labels).
     */
    static final String[] READS = Stream.concat(
                    Stream.of(Kinds.NETWORK_POLICY, Kinds.NAMESPACE, Kinds.SERVICE_ACCOUNT),
                    Kinds.CNI_POLICIES.stream().sorted())
            .toArray(String[]::new);

    private NetworkPolicies() {}

    /** A traffic direction, with the spec field holding its rules and the peer list field of a rule. */
    enum Direction {
        INGRESS("Ingress", "ingress", "from"),
        EGRESS("Egress", "egress", "to");

        final String type;
        final String rulesField;
        final String peersField;

        Direction(String type, String rulesField, String peersField) {
            this.type = type;
            this.rulesField = rulesField;
            this.peersField = peersField;
        }

        String label() {
            return rulesField;
        }
    }

    static List<KubeObject> inNamespace(ClusterView view, String namespace) {
        return view.list(Kinds.NETWORK_POLICY, namespace);
    }

    static JsonNode spec(KubeObject policy) {
        return policy.at("spec");
    }

    /**
     * The directions a policy governs: its {@code policyTypes} when set; otherwise Ingress always and
     * Egress only when it has egress rules (the API server's defaulting).
     */
    static Set<Direction> effectiveTypes(KubeObject policy) {
        JsonNode spec = spec(policy);
        Set<Direction> declared = EnumSet.noneOf(Direction.class);
        for (String type : Json.texts(spec.path("policyTypes"))) {
            for (Direction d : Direction.values()) {
                if (d.type.equalsIgnoreCase(type)) {
                    declared.add(d);
                }
            }
        }
        if (!declared.isEmpty()) {
            return declared;
        }
        Set<Direction> defaulted = EnumSet.of(Direction.INGRESS);
        if (!rules(policy, Direction.EGRESS).isEmpty()) {
            defaulted.add(Direction.EGRESS);
        }
        return defaulted;
    }

    /** The rule list of a direction; absent, null or not a list counts as no rules. */
    static List<JsonNode> rules(KubeObject policy, Direction direction) {
        return Json.elements(spec(policy).path(direction.rulesField));
    }

    /** Rules that take effect: none when the policy does not govern the direction. */
    static List<JsonNode> effectiveRules(KubeObject policy, Direction direction) {
        return effectiveTypes(policy).contains(direction) ? rules(policy, direction) : List.of();
    }

    /** {@code podSelector: {}}, or a missing/null one: every pod of the namespace. */
    static boolean selectsAllPods(KubeObject policy) {
        JsonNode selector = spec(policy).get("podSelector");
        return !Json.isSet(selector) || LabelSelectors.isEmpty(selector);
    }

    /** Whether the policy selects pods carrying these labels. */
    static boolean selects(KubeObject policy, Map<String, String> podLabels) {
        JsonNode selector = spec(policy).get("podSelector");
        return !Json.isSet(selector) || LabelSelectors.matches(selector, podLabels);
    }

    /** The policy governs the direction and has no rules for it: all such traffic of its pods is denied. */
    static boolean deniesAll(KubeObject policy, Direction direction) {
        return effectiveTypes(policy).contains(direction)
                && rules(policy, direction).isEmpty();
    }

    /** A namespace-wide default deny: a policy selecting every pod that denies the direction. */
    static boolean isDefaultDeny(KubeObject policy, Direction direction) {
        return selectsAllPods(policy) && deniesAll(policy, direction);
    }

    static boolean hasDefaultDeny(List<KubeObject> policies, Direction direction) {
        return policies.stream().anyMatch(p -> isDefaultDeny(p, direction));
    }

    /** A peer list that is absent or empty: the rule applies to every source or destination. */
    static boolean peersUnrestricted(JsonNode rule, Direction direction) {
        JsonNode peers = rule.get(direction.peersField);
        return !Json.isSet(peers) || (peers.isArray() && peers.isEmpty());
    }

    /** An {@code ipBlock.cidr} whose prefix length is 0: every IPv4 or IPv6 address. */
    static boolean isAnyAddress(String cidr) {
        if (cidr == null) {
            return false;
        }
        int slash = cidr.indexOf('/');
        return slash > 0 && "0".equals(cidr.substring(slash + 1).trim());
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
