package io.vigil.checks.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.ClusterView;
import io.vigil.check.support.Json;
import io.vigil.checks.network.CniPolicies.Endpoint;
import io.vigil.checks.network.NetworkPolicies.Direction;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calico's {@code NetworkPolicy} and {@code GlobalNetworkPolicy} (both API groups) as CHECKS.md (network)
 * reads them: {@code selector}, {@code namespaceSelector} and {@code serviceAccountSelector}, {@code types},
 * {@code order} and rule {@code action}s.
 */
final class CalicoPolicies {
    /** Calico's label for a namespace's or a ServiceAccount's name. */
    static final String NAME_LABEL = "projectcalico.org/name";

    private CalicoPolicies() {}

    /** A Calico policy: namespaced ones apply in their namespace, global ones wherever they select. */
    record Policy(boolean global, KubeObject object) {
        JsonNode spec() {
            return object.at("spec");
        }

        /** Missing order sorts last, as Calico evaluates it. */
        double order() {
            JsonNode order = spec().get("order");
            return order != null && order.isNumber() ? order.asDouble() : Double.POSITIVE_INFINITY;
        }
    }

    /** The policies that may apply in a namespace, in Calico's evaluation order (order, then name). */
    static List<Policy> inScope(ClusterView view, String namespace, Map<String, String> nsLabels) {
        List<Policy> out = new ArrayList<>();
        for (String kind : List.of(Kinds.CALICO_NETWORK_POLICY, Kinds.CALICO_CRD_NETWORK_POLICY)) {
            view.list(kind, namespace).forEach(p -> out.add(new Policy(false, p)));
        }
        for (String kind : List.of(Kinds.CALICO_GLOBAL_NETWORK_POLICY, Kinds.CALICO_CRD_GLOBAL_NETWORK_POLICY)) {
            view.list(kind).stream()
                    .map(p -> new Policy(true, p))
                    .filter(p -> inNamespaceScope(p, nsLabels, namespace))
                    .forEach(out::add);
        }
        out.sort(Comparator.comparingDouble(Policy::order)
                .thenComparing(p -> p.object().name(), Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    private static boolean inNamespaceScope(Policy p, Map<String, String> nsLabels, String namespace) {
        if (!p.global()) {
            return true;
        }
        Map<String, String> labels = new HashMap<>(nsLabels);
        labels.put(NAME_LABEL, namespace);
        String nsSelector = Json.text(p.spec(), "namespaceSelector");
        return CalicoSelector.parse(nsSelector).map(s -> s.test(labels)).orElse(false);
    }

    /** Calico's workload-endpoint labels: the pod's plus its namespace. */
    private static Map<String, String> endpointLabels(String namespace, Map<String, String> pod) {
        Map<String, String> out = new HashMap<>(pod);
        out.put("projectcalico.org/namespace", namespace);
        out.put("projectcalico.org/orchestrator", "k8s");
        return out;
    }

    static boolean selects(Policy p, Endpoint pod, ClusterView view) {
        return CalicoSelector.parse(Json.text(p.spec(), "selector"))
                        .map(s -> s.test(endpointLabels(pod.namespace(), pod.labels())))
                        .orElse(false)
                && selectsServiceAccount(p, view, pod.namespace(), pod.serviceAccount());
    }

    /**
     * Every pod of the namespace: {@code selector} all() and a {@code serviceAccountSelector} matching every
     * ServiceAccount of the namespace. The ServiceAccount admission plugin admits no pod naming an account
     * that does not exist, so those accounts (and {@code default}, which every namespace has) are all a pod
     * can run as.
     */
    static boolean selectsNamespace(Policy p, ClusterView view, String namespace) {
        if (!CalicoSelector.isAll(Json.text(p.spec(), "selector"))) {
            return false;
        }
        Set<String> accounts = new LinkedHashSet<>();
        accounts.add("default");
        view.list(Kinds.SERVICE_ACCOUNT, namespace).forEach(sa -> accounts.add(sa.name()));
        return accounts.stream().allMatch(sa -> selectsServiceAccount(p, view, namespace, sa));
    }

    /**
     * Calico matches {@code serviceAccountSelector} against the pod's ServiceAccount's labels, with {@code
     * projectcalico.org/name} set to its name; an account missing from the view (a scan without it) is
     * known by its name only.
     */
    private static boolean selectsServiceAccount(Policy p, ClusterView view, String namespace, String account) {
        String selector = Json.text(p.spec(), "serviceAccountSelector");
        if (CalicoSelector.isAll(selector)) {
            return true;
        }
        Map<String, String> labels = view.get(Kinds.SERVICE_ACCOUNT, namespace, account)
                .map(sa -> LabelSelectors.labels(sa.at("metadata", "labels")))
                .orElseGet(HashMap::new);
        labels.put(NAME_LABEL, account);
        return CalicoSelector.parse(selector).map(s -> s.test(labels)).orElse(false);
    }

    /**
     * Calico's {@code types}: as written, else Ingress when there are ingress rules or no egress rules, and
     * Egress when there are egress rules.
     */
    static boolean governs(JsonNode spec, Direction direction) {
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

    static Outcome outcome(JsonNode spec, Direction direction) {
        boolean narrowAllow = false;
        for (JsonNode rule : Json.elements(spec.get(direction.rulesField))) {
            boolean lets = lets(rule);
            if (isCatchAll(rule)) {
                if (lets) {
                    return narrowAllow ? Outcome.SOME : Outcome.ALLOWS_ALL;
                }
                if (denies(rule)) {
                    return narrowAllow ? Outcome.SOME : Outcome.DENIES_ALL;
                }
            } else if (lets) {
                narrowAllow = true;
            }
        }
        return narrowAllow ? Outcome.SOME : Outcome.DENIES_ALL;
    }

    /** Allow, or Pass: Pass leaves the tier for the namespace's profile, which allows. */
    static boolean lets(JsonNode rule) {
        String action = Json.text(rule, "action");
        return "Allow".equalsIgnoreCase(action) || "Pass".equalsIgnoreCase(action);
    }

    static boolean denies(JsonNode rule) {
        return "Deny".equalsIgnoreCase(Json.text(rule, "action"));
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

    static boolean hasValue(JsonNode v) {
        return Json.isSet(v) && !(v.isContainerNode() && v.isEmpty());
    }

    /**
     * Default deny from Calico: a policy selecting every pod of the namespace that governs the direction
     * and denies all of it, with no policy of lower {@code order} selecting those pods that allows (or
     * passes) all of it first.
     */
    static boolean defaultDeny(ClusterView view, String namespace, Map<String, String> nsLabels, Direction direction) {
        List<Policy> wide = inScope(view, namespace, nsLabels).stream()
                .filter(p -> selectsNamespace(p, view, namespace) && governs(p.spec(), direction))
                .toList();
        for (Policy deny : wide) {
            if (outcome(deny.spec(), direction) != Outcome.DENIES_ALL) {
                continue;
            }
            boolean overridden = wide.stream()
                    .anyMatch(p -> p.order() < deny.order() && outcome(p.spec(), direction) == Outcome.ALLOWS_ALL);
            if (!overridden) {
                return true;
            }
        }
        return false;
    }
}
