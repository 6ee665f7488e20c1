package io.vigil.checks.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.check.ClusterView;
import io.vigil.check.support.Json;
import io.vigil.checks.network.CniPolicies.Endpoint;
import io.vigil.checks.network.NetworkPolicies.Direction;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Cilium's {@code CiliumNetworkPolicy} and {@code CiliumClusterwideNetworkPolicy} as CHECKS.md (network)
 * reads them: endpoint selection over Cilium's endpoint labels, default deny per direction, and the
 * egress rules that let pods reach cluster DNS.
 */
final class CiliumPolicies {
    static final String NAMESPACE_LABEL = "io.kubernetes.pod.namespace";
    private static final String NAMESPACE_LABELS_PREFIX = "io.cilium.k8s.namespace.labels.";

    /** Entities that contain kube-dns' pods; {@code world} and CIDRs do not (Cilium matches pods by identity). */
    private static final List<String> CLUSTER_ENTITIES = List.of("all", "cluster");

    /** Egress destination fields of a rule; a rule with none of them reaches every destination. */
    private static final List<String> L3_FIELDS = List.of(
            "toEndpoints",
            "toEntities",
            "toCIDR",
            "toCIDRSet",
            "toFQDNs",
            "toServices",
            "toGroups",
            "toNodes",
            "toRequires");

    private CiliumPolicies() {}

    /** One rule set of a Cilium policy ({@code spec} or an element of {@code specs}). */
    record Spec(boolean clusterwide, String namespace, JsonNode body) {
        JsonNode endpointSelector() {
            JsonNode selector = body.get("endpointSelector");
            return selector != null && selector.isObject() ? withoutSourcePrefixes(selector) : null;
        }
    }

    /** The rule sets that may apply in a namespace: its own policies' and the cluster-wide ones'. */
    static List<Spec> specs(ClusterView view, String namespace) {
        List<Spec> out = new ArrayList<>();
        for (KubeObject p : view.list(Kinds.CILIUM_NETWORK_POLICY, namespace)) {
            bodies(p).forEach(s -> out.add(new Spec(false, namespace, s)));
        }
        for (KubeObject p : view.list(Kinds.CILIUM_CLUSTERWIDE_NETWORK_POLICY)) {
            bodies(p).forEach(s -> out.add(new Spec(true, null, s)));
        }
        return out;
    }

    private static List<JsonNode> bodies(KubeObject policy) {
        List<JsonNode> out = new ArrayList<>();
        if (policy.at("spec").isObject()) {
            out.add(policy.at("spec"));
        }
        out.addAll(Json.elements(policy.at("specs")));
        return out;
    }

    /**
     * Cilium's endpoint labels: the pod's, its namespace as {@code io.kubernetes.pod.namespace} and the
     * namespace's labels under {@code io.cilium.k8s.namespace.labels.}.
     */
    static Map<String, String> labels(String namespace, Map<String, String> pod, Map<String, String> ns) {
        Map<String, String> out = new HashMap<>(pod);
        out.put(NAMESPACE_LABEL, namespace);
        ns.forEach((k, v) -> out.put(NAMESPACE_LABELS_PREFIX + k, v));
        return out;
    }

    static boolean selects(Spec spec, Endpoint pod) {
        JsonNode selector = spec.endpointSelector();
        return selector != null
                && LabelSelectors.matches(selector, labels(pod.namespace(), pod.labels(), pod.namespaceLabels()));
    }

    /**
     * Every pod of the namespace: an empty {@code endpointSelector}, or (cluster-wide) one that names only
     * namespace labels the namespace carries.
     */
    static boolean selectsNamespace(Spec spec, String namespace, Map<String, String> nsLabels) {
        JsonNode selector = spec.endpointSelector();
        if (selector == null) {
            return false;
        }
        if (LabelSelectors.isEmpty(selector)) {
            return true;
        }
        return spec.clusterwide()
                && keys(selector).stream().allMatch(CiliumPolicies::isNamespaceKey)
                && LabelSelectors.matches(selector, labels(namespace, Map.of(), nsLabels));
    }

    /** A namespaced spec applies in its namespace; a cluster-wide one unless its namespace labels exclude it. */
    static boolean mayApplyIn(Spec spec, String namespace, Map<String, String> nsLabels) {
        JsonNode selector = spec.endpointSelector();
        return selector != null
                && (!spec.clusterwide()
                        || LabelSelectors.matches(
                                only(selector, CiliumPolicies::isNamespaceKey), labels(namespace, Map.of(), nsLabels)));
    }

    /**
     * An {@code ingress}/{@code ingressDeny} ({@code egress}/{@code egressDeny}) section puts the direction
     * in default deny unless {@code enableDefaultDeny.<direction>} is false; it then allows nothing when no
     * allow rule has any content: Cilium's {@code {}} rule allows nothing, unlike NetworkPolicy's.
     */
    static boolean deniesAll(JsonNode spec, Direction direction) {
        String allow = direction.rulesField;
        boolean section = spec.has(allow) || spec.has(allow + "Deny");
        if (!section || Json.isFalse(spec.path("enableDefaultDeny").get(allow))) {
            return false;
        }
        return Json.elements(spec.get(allow)).stream().noneMatch(CiliumPolicies::hasContent);
    }

    // ---- DNS -----------------------------------------------------------------------------------

    /** Some egress rule of a spec that may apply in the namespace admits UDP 53 to kube-system's DNS. */
    static boolean allowsDns(List<Spec> specs, String namespace, Map<String, String> nsLabels, KubeSystem kubeSystem) {
        return specs.stream()
                .filter(s -> mayApplyIn(s, namespace, nsLabels))
                .anyMatch(s -> Json.elements(s.body().get("egress")).stream()
                        .anyMatch(rule -> coversDns(rule, s, kubeSystem)));
    }

    /**
     * Deny takes precedence over every allow in Cilium, whatever kind of policy allows: an {@code egressDeny}
     * rule covering DNS in a spec that selects every pod of the namespace leaves no pod able to resolve.
     */
    static boolean deniesDns(List<Spec> specs, String namespace, Map<String, String> nsLabels, KubeSystem kubeSystem) {
        return specs.stream()
                .filter(s -> selectsNamespace(s, namespace, nsLabels))
                .anyMatch(s -> Json.elements(s.body().get("egressDeny")).stream()
                        .anyMatch(rule -> coversDns(rule, s, kubeSystem)));
    }

    /**
     * A rule with content whose ports admit UDP 53 (no {@code toPorts} = every port; {@code rules.dns} is
     * the DNS proxy on such a port) and whose destination includes kube-system's pods. {@code toFQDNs}
     * names external hosts and needs such a DNS rule beside it; it reaches no DNS server itself.
     */
    private static boolean coversDns(JsonNode rule, Spec spec, KubeSystem kubeSystem) {
        return hasContent(rule) && portsAdmitDns(rule) && reachesKubeSystem(rule, spec, kubeSystem);
    }

    private static boolean portsAdmitDns(JsonNode rule) {
        JsonNode toPorts = rule.get("toPorts");
        if (!Json.isSet(toPorts)) {
            return !Json.isSet(rule.get("icmps"));
        }
        return Json.elements(toPorts).stream()
                .flatMap(p -> Json.elements(p.get("ports")).stream())
                .anyMatch(port -> DnsPorts.admitsUdp53(port, true));
    }

    private static boolean reachesKubeSystem(JsonNode rule, Spec spec, KubeSystem kubeSystem) {
        if (L3_FIELDS.stream().noneMatch(f -> Json.isSet(rule.get(f)))) {
            return true;
        }
        boolean entity = Json.texts(rule.get("toEntities")).stream()
                .anyMatch(e -> CLUSTER_ENTITIES.contains(NetworkPolicies.lower(e)));
        return entity
                || Json.elements(rule.get("toEndpoints")).stream()
                        .anyMatch(selector -> endpointsInKubeSystem(selector, spec, kubeSystem));
    }

    /**
     * A {@code toEndpoints} selector reaches kube-system when its namespace labels match kube-system's; a
     * selector naming no namespace label means the policy's own namespace (CiliumNetworkPolicy) or every
     * namespace (cluster-wide). Pod labels are not compared: which pods serve DNS is the cluster's choice.
     */
    private static boolean endpointsInKubeSystem(JsonNode selector, Spec spec, KubeSystem kubeSystem) {
        if (!selector.isObject()) {
            return false;
        }
        JsonNode plain = withoutSourcePrefixes(selector);
        if (keys(plain).stream().noneMatch(CiliumPolicies::isNamespaceKey)) {
            return spec.clusterwide() || NetworkPolicies.KUBE_SYSTEM.equals(spec.namespace());
        }
        return LabelSelectors.matches(
                only(plain, CiliumPolicies::isNamespaceKey),
                labels(NetworkPolicies.KUBE_SYSTEM, Map.of(), kubeSystem.labels()));
    }

    // ---- selectors -----------------------------------------------------------------------------

    private static boolean isNamespaceKey(String key) {
        return key != null && (key.equals(NAMESPACE_LABEL) || key.startsWith(NAMESPACE_LABELS_PREFIX));
    }

    private static List<String> keys(JsonNode selector) {
        List<String> keys = new ArrayList<>();
        selector.path("matchLabels").fieldNames().forEachRemaining(keys::add);
        Json.elements(selector.path("matchExpressions")).forEach(e -> keys.add(Json.text(e, "key")));
        return keys;
    }

    /** The part of a selector whose keys pass the filter; malformed parts stay, so it still matches nothing. */
    private static JsonNode only(JsonNode selector, Predicate<String> keep) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JsonNode matchLabels = selector.get("matchLabels");
        if (matchLabels != null && matchLabels.isObject()) {
            ObjectNode labels = out.putObject("matchLabels");
            matchLabels.fields().forEachRemaining(e -> {
                if (keep.test(e.getKey())) {
                    labels.set(e.getKey(), e.getValue());
                }
            });
        } else if (matchLabels != null) {
            out.set("matchLabels", matchLabels);
        }
        JsonNode expressions = selector.get("matchExpressions");
        if (expressions != null && expressions.isArray()) {
            var list = out.putArray("matchExpressions");
            expressions.forEach(e -> {
                if (!e.isObject() || keep.test(Json.text(e, "key"))) {
                    list.add(e);
                }
            });
        } else if (expressions != null) {
            out.set("matchExpressions", expressions);
        }
        return out;
    }

    /** Cilium label keys may carry their source ({@code k8s:app}, {@code any:app}); pods' labels come from k8s. */
    private static JsonNode withoutSourcePrefixes(JsonNode selector) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JsonNode matchLabels = selector.get("matchLabels");
        if (matchLabels != null && matchLabels.isObject()) {
            ObjectNode labels = out.putObject("matchLabels");
            Iterator<Map.Entry<String, JsonNode>> it = matchLabels.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                labels.set(unprefixed(e.getKey()), e.getValue());
            }
        } else if (matchLabels != null) {
            out.set("matchLabels", matchLabels);
        }
        JsonNode expressions = selector.get("matchExpressions");
        if (expressions != null && expressions.isArray()) {
            var list = out.putArray("matchExpressions");
            for (JsonNode e : expressions) {
                if (e.isObject() && e.path("key").isTextual()) {
                    ObjectNode copy = ((ObjectNode) e).deepCopy();
                    copy.put("key", unprefixed(e.path("key").asText()));
                    list.add(copy);
                } else {
                    list.add(e);
                }
            }
        } else if (expressions != null) {
            out.set("matchExpressions", expressions);
        }
        return out;
    }

    private static String unprefixed(String key) {
        return key.startsWith("k8s:") ? key.substring(4) : key.startsWith("any:") ? key.substring(4) : key;
    }

    private static boolean hasContent(JsonNode rule) {
        if (rule == null || !rule.isObject()) {
            return false;
        }
        Iterator<JsonNode> values = rule.elements();
        while (values.hasNext()) {
            JsonNode v = values.next();
            if (Json.isSet(v) && !(v.isContainerNode() && v.isEmpty())) {
                return true;
            }
        }
        return false;
    }
}
