package io.vigil.checks.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.check.ClusterView;
import io.vigil.check.support.Json;
import io.vigil.checks.network.NetworkPolicies.Direction;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The CNI's own policies as CHECKS.md (network) reads them: Cilium's {@code CiliumNetworkPolicy} and
 * {@code CiliumClusterwideNetworkPolicy}, Calico's {@code NetworkPolicy} and {@code GlobalNetworkPolicy}
 * in both API groups. Clusters on these CNIs often have no {@code networking.k8s.io} policy at all, so
 * without them every workload would look unprotected.
 */
final class CniPolicies {
    static final String CILIUM_NAMESPACE_LABEL = "io.kubernetes.pod.namespace";
    private static final String CILIUM_NAMESPACE_LABELS_PREFIX = "io.cilium.k8s.namespace.labels.";

    private CniPolicies() {}

    /** The pod the policies are asked about: its namespace, labels, namespace labels, ServiceAccount. */
    record Endpoint(String namespace, Map<String, String> labels, Map<String, String> namespaceLabels) {}

    /** Whether some CNI policy selects the pod (in either direction). */
    static boolean selects(ClusterView view, Endpoint pod) {
        return cilium(view, pod.namespace()).stream().anyMatch(spec -> ciliumSelects(spec, pod))
                || calico(view, pod.namespace()).stream().anyMatch(p -> calicoSelects(p, pod));
    }

    /** A CNI policy that selects every pod of the namespace and allows nothing in the direction. */
    static boolean defaultDeny(ClusterView view, String namespace, Direction direction) {
        Map<String, String> nsLabels = namespaceLabels(view, namespace);
        boolean cilium = cilium(view, namespace).stream()
                .anyMatch(spec ->
                        ciliumSelectsNamespace(spec, namespace, nsLabels) && ciliumDeniesAll(spec.body(), direction));
        return cilium || calicoDefaultDeny(view, namespace, nsLabels, direction);
    }

    static Map<String, String> namespaceLabels(ClusterView view, String namespace) {
        Map<String, String> labels = view.get(Kinds.NAMESPACE, null, namespace)
                .map(ns -> LabelSelectors.labels(ns.at("metadata", "labels")))
                .orElseGet(HashMap::new);
        labels.putIfAbsent(NetworkPolicies.NAMESPACE_NAME_LABEL, namespace);
        return labels;
    }

    // ---- Cilium --------------------------------------------------------------------------------

    /** One rule set of a Cilium policy ({@code spec} or an element of {@code specs}). */
    record CiliumSpec(boolean clusterwide, String namespace, JsonNode body) {}

    private static List<CiliumSpec> cilium(ClusterView view, String namespace) {
        List<CiliumSpec> out = new ArrayList<>();
        for (KubeObject p : view.list(Kinds.CILIUM_NETWORK_POLICY, namespace)) {
            specs(p).forEach(s -> out.add(new CiliumSpec(false, namespace, s)));
        }
        for (KubeObject p : view.list(Kinds.CILIUM_CLUSTERWIDE_NETWORK_POLICY)) {
            specs(p).forEach(s -> out.add(new CiliumSpec(true, null, s)));
        }
        return out;
    }

    private static List<JsonNode> specs(KubeObject policy) {
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
    private static Map<String, String> ciliumLabels(String namespace, Map<String, String> pod, Map<String, String> ns) {
        Map<String, String> out = new HashMap<>(pod);
        out.put(CILIUM_NAMESPACE_LABEL, namespace);
        ns.forEach((k, v) -> out.put(CILIUM_NAMESPACE_LABELS_PREFIX + k, v));
        return out;
    }

    private static boolean ciliumSelects(CiliumSpec spec, Endpoint pod) {
        JsonNode selector = spec.body().get("endpointSelector");
        return selector != null
                && selector.isObject()
                && LabelSelectors.matches(
                        withoutSourcePrefixes(selector),
                        ciliumLabels(pod.namespace(), pod.labels(), pod.namespaceLabels()));
    }

    /**
     * Every pod of the namespace: an empty {@code endpointSelector}, or (cluster-wide) one that names only
     * namespace labels the namespace carries.
     */
    private static boolean ciliumSelectsNamespace(CiliumSpec spec, String namespace, Map<String, String> nsLabels) {
        JsonNode selector = spec.body().get("endpointSelector");
        if (selector == null || !selector.isObject()) {
            return false;
        }
        JsonNode plain = withoutSourcePrefixes(selector);
        if (LabelSelectors.isEmpty(plain)) {
            return true;
        }
        return spec.clusterwide()
                && namesOnlyNamespaceLabels(plain)
                && LabelSelectors.matches(plain, ciliumLabels(namespace, Map.of(), nsLabels));
    }

    private static boolean namesOnlyNamespaceLabels(JsonNode selector) {
        List<String> keys = new ArrayList<>();
        selector.path("matchLabels").fieldNames().forEachRemaining(keys::add);
        Json.elements(selector.path("matchExpressions")).forEach(e -> keys.add(Json.text(e, "key")));
        return keys.stream()
                .allMatch(k -> k != null
                        && (k.equals(CILIUM_NAMESPACE_LABEL) || k.startsWith(CILIUM_NAMESPACE_LABELS_PREFIX)));
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

    /**
     * An {@code ingress}/{@code ingressDeny} ({@code egress}/{@code egressDeny}) section puts the direction
     * in default deny unless {@code enableDefaultDeny.<direction>} is false; it then allows nothing when no
     * allow rule has any content: Cilium's {@code {}} rule allows nothing, unlike NetworkPolicy's.
     */
    static boolean ciliumDeniesAll(JsonNode spec, Direction direction) {
        String allow = direction.rulesField;
        boolean section = spec.has(allow) || spec.has(allow + "Deny");
        if (!section || Json.isFalse(spec.path("enableDefaultDeny").get(allow))) {
            return false;
        }
        return Json.elements(spec.get(allow)).stream().noneMatch(CniPolicies::hasContent);
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

    // ---- Calico --------------------------------------------------------------------------------

    /** A Calico policy: namespaced ones apply in their namespace, global ones wherever they select. */
    record CalicoPolicy(boolean global, KubeObject object) {
        JsonNode spec() {
            return object.at("spec");
        }

        /** Missing order sorts last, as Calico evaluates it. */
        double order() {
            JsonNode order = spec().get("order");
            return order != null && order.isNumber() ? order.asDouble() : Double.POSITIVE_INFINITY;
        }
    }

    private static List<CalicoPolicy> calico(ClusterView view, String namespace) {
        List<CalicoPolicy> out = new ArrayList<>();
        for (String kind : List.of(Kinds.CALICO_NETWORK_POLICY, Kinds.CALICO_CRD_NETWORK_POLICY)) {
            view.list(kind, namespace).forEach(p -> out.add(new CalicoPolicy(false, p)));
        }
        for (String kind : List.of(Kinds.CALICO_GLOBAL_NETWORK_POLICY, Kinds.CALICO_CRD_GLOBAL_NETWORK_POLICY)) {
            view.list(kind).forEach(p -> out.add(new CalicoPolicy(true, p)));
        }
        return out;
    }

    /** Calico's workload-endpoint labels: the pod's plus its namespace. */
    private static Map<String, String> calicoLabels(String namespace, Map<String, String> pod) {
        Map<String, String> out = new HashMap<>(pod);
        out.put("projectcalico.org/namespace", namespace);
        out.put("projectcalico.org/orchestrator", "k8s");
        return out;
    }

    private static boolean inNamespaceScope(CalicoPolicy p, Map<String, String> nsLabels, String namespace) {
        if (!p.global()) {
            return true;
        }
        Map<String, String> labels = new HashMap<>(nsLabels);
        labels.put("projectcalico.org/name", namespace);
        String nsSelector = Json.text(p.spec(), "namespaceSelector");
        return CalicoSelector.parse(nsSelector).map(s -> s.test(labels)).orElse(false);
    }

    /** A {@code serviceAccountSelector} narrows to labels Vigil does not resolve: such a policy is not counted. */
    private static boolean narrowedByServiceAccount(CalicoPolicy p) {
        return !CalicoSelector.isAll(Json.text(p.spec(), "serviceAccountSelector"));
    }

    private static boolean calicoSelects(CalicoPolicy p, Endpoint pod) {
        return inNamespaceScope(p, pod.namespaceLabels(), pod.namespace())
                && !narrowedByServiceAccount(p)
                && CalicoSelector.parse(Json.text(p.spec(), "selector"))
                        .map(s -> s.test(calicoLabels(pod.namespace(), pod.labels())))
                        .orElse(false);
    }

    private static boolean calicoSelectsNamespace(CalicoPolicy p, String namespace, Map<String, String> nsLabels) {
        return inNamespaceScope(p, nsLabels, namespace)
                && !narrowedByServiceAccount(p)
                && CalicoSelector.isAll(Json.text(p.spec(), "selector"));
    }

    /**
     * Calico's {@code types}: as written, else Ingress when there are ingress rules or no egress rules, and
     * Egress when there are egress rules.
     */
    static boolean calicoGoverns(JsonNode spec, Direction direction) {
        List<String> types = Json.texts(spec.get("types"));
        if (!types.isEmpty()) {
            return types.stream().anyMatch(t -> t.equalsIgnoreCase(direction.type));
        }
        boolean ingress = !Json.elements(spec.get("ingress")).isEmpty();
        boolean egress = !Json.elements(spec.get("egress")).isEmpty();
        return direction == Direction.INGRESS ? ingress || !egress : egress;
    }

    /** What a policy's rules do with traffic of a direction that no earlier policy decided. */
    enum Outcome {
        /** No rule lets traffic through before the end or before a catch-all Deny. */
        DENIES_ALL,
        /** The first catch-all rule is Allow or Pass: everything goes through (Pass leaves the tier). */
        ALLOWS_ALL,
        /** Some traffic is allowed by a narrower rule. */
        SOME
    }

    static Outcome calicoOutcome(JsonNode spec, Direction direction) {
        boolean narrowAllow = false;
        for (JsonNode rule : Json.elements(spec.get(direction.rulesField))) {
            String action = Json.text(rule, "action");
            boolean lets = "Allow".equalsIgnoreCase(action) || "Pass".equalsIgnoreCase(action);
            if (isCatchAll(rule)) {
                if (lets) {
                    return narrowAllow ? Outcome.SOME : Outcome.ALLOWS_ALL;
                }
                if ("Deny".equalsIgnoreCase(action)) {
                    return narrowAllow ? Outcome.SOME : Outcome.DENIES_ALL;
                }
            } else if (lets) {
                narrowAllow = true;
            }
        }
        return narrowAllow ? Outcome.SOME : Outcome.DENIES_ALL;
    }

    /** A rule that matches any traffic: nothing but its action (and empty source/destination). */
    private static boolean isCatchAll(JsonNode rule) {
        Iterator<Map.Entry<String, JsonNode>> fields = rule.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!f.getKey().equals("action") && hasValue(f.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasValue(JsonNode v) {
        return Json.isSet(v) && !(v.isContainerNode() && v.isEmpty());
    }

    /**
     * Default deny from Calico: a policy selecting every pod of the namespace that governs the direction
     * and denies all of it, with no policy of lower {@code order} selecting those pods that allows (or
     * passes) all of it first.
     */
    private static boolean calicoDefaultDeny(
            ClusterView view, String namespace, Map<String, String> nsLabels, Direction direction) {
        List<CalicoPolicy> wide = calico(view, namespace).stream()
                .filter(p -> calicoSelectsNamespace(p, namespace, nsLabels) && calicoGoverns(p.spec(), direction))
                .toList();
        for (CalicoPolicy deny : wide) {
            if (calicoOutcome(deny.spec(), direction) != Outcome.DENIES_ALL) {
                continue;
            }
            boolean overridden = wide.stream()
                    .anyMatch(
                            p -> p.order() < deny.order() && calicoOutcome(p.spec(), direction) == Outcome.ALLOWS_ALL);
            if (!overridden) {
                return true;
            }
        }
        return false;
    }
}
