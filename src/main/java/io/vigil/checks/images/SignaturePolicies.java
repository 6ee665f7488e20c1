package io.vigil.checks.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.check.ClusterView;
import io.vigil.check.support.Json;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Which namespaces an admission controller verifies image signatures for. Deliberately conservative: a
 * namespace counts as covered only by a policy that enforces (not merely audits or warns) for every Pod
 * of the namespace.
 * <ul>
 * <li>sigstore policy-controller: the namespace is labelled {@code policy.sigstore.dev/include: "true"}
 * and at least one ClusterImagePolicy is not in {@code mode: warn}.</li>
 * <li>Kyverno: a ClusterPolicy (any namespace) or Policy (its own namespace) with a rule that has
 * {@code verifyImages} entries, enforcing for the namespace ({@code verifyImages[].failureAction}, else
 * {@code spec.validationFailureActionOverrides}, else {@code spec.validationFailureAction}; Kyverno's
 * default is Audit), whose {@code match} selects Pods with no restriction other than namespaces /
 * namespaceSelector that include this namespace, and whose {@code exclude} does not reach Pods of it.
 * Matches or excludes by requester (subjects, roles, clusterRoles) are partial in the first case (not
 * coverage) and ignored in the second (admins may bypass).</li>
 * </ul>
 */
final class SignaturePolicies {
    static final String SIGSTORE_INCLUDE = "policy.sigstore.dev/include";

    private SignaturePolicies() {}

    /** A signature-verification controller is present: sigstore's CRD is served or a Kyverno verify rule exists. */
    static boolean controllerPresent(ClusterView view) {
        return view.serves(Kinds.CLUSTER_IMAGE_POLICY)
                || kyvernoPolicies(view).stream()
                        .anyMatch(p -> Json.elements(p.at("spec", "rules")).stream()
                                .anyMatch(SignaturePolicies::isVerifyRule));
    }

    static boolean covers(KubeObject namespace, ClusterView view) {
        JsonNode labels = effectiveLabels(namespace);
        return sigstoreCovers(labels, view) || kyvernoCovers(namespace.name(), labels, view);
    }

    private static boolean sigstoreCovers(JsonNode labels, ClusterView view) {
        if (!"true".equals(Json.text(labels.path(SIGSTORE_INCLUDE)))) {
            return false;
        }
        return view.list(Kinds.CLUSTER_IMAGE_POLICY).stream()
                .anyMatch(p -> !"warn".equalsIgnoreCase(Json.text(p.at("spec", "mode"))));
    }

    private static boolean kyvernoCovers(String ns, JsonNode labels, ClusterView view) {
        for (KubeObject policy : kyvernoPolicies(view)) {
            boolean namespaced = Kinds.KYVERNO_POLICY.equals(policy.kindKey());
            if (namespaced && !ns.equals(policy.namespace())) {
                continue;
            }
            for (JsonNode rule : Json.elements(policy.at("spec", "rules"))) {
                if (isVerifyRule(rule)
                        && enforces(policy, rule, ns, labels)
                        && Match.selectsAllPods(rule.path("match"), ns, labels)
                        && !Match.mayExclude(rule.path("exclude"), ns, labels)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<KubeObject> kyvernoPolicies(ClusterView view) {
        List<KubeObject> all = new ArrayList<>(view.list(Kinds.KYVERNO_CLUSTER_POLICY));
        all.addAll(view.list(Kinds.KYVERNO_POLICY));
        return all;
    }

    private static boolean isVerifyRule(JsonNode rule) {
        JsonNode verify = rule.path("verifyImages");
        return verify.isArray() && !verify.isEmpty();
    }

    private static boolean enforces(KubeObject policy, JsonNode rule, String ns, JsonNode labels) {
        String policyAction = policyAction(policy, ns, labels);
        for (JsonNode entry : Json.elements(rule.path("verifyImages"))) {
            String action = Json.text(entry, "failureAction");
            if ("enforce".equalsIgnoreCase(action != null ? action : policyAction)) {
                return true;
            }
        }
        return false;
    }

    private static String policyAction(KubeObject policy, String ns, JsonNode labels) {
        for (JsonNode override : Json.elements(policy.at("spec", "validationFailureActionOverrides"))) {
            boolean byName = Json.texts(override.path("namespaces")).stream().anyMatch(p -> Selectors.wildcard(p, ns));
            boolean bySelector = override.path("namespaceSelector").isObject()
                    && Selectors.matches(override.path("namespaceSelector"), labels);
            if (byName || bySelector) {
                return Json.text(override, "action");
            }
        }
        return Json.text(policy.at("spec", "validationFailureAction"));
    }

    /** The namespace's labels, with the name label the API server sets even when a manifest lacks it. */
    private static JsonNode effectiveLabels(KubeObject namespace) {
        ObjectNode labels = JsonNodeFactory.instance.objectNode();
        JsonNode given = namespace.at("metadata", "labels");
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode()) {
                labels.set(e.getKey(), e.getValue());
            }
        }
        if (!labels.has("kubernetes.io/metadata.name") && namespace.name() != null) {
            labels.put("kubernetes.io/metadata.name", namespace.name());
        }
        return labels;
    }

    /** Kyverno's match/exclude blocks: {@code any}, {@code all}, or the legacy single filter. */
    private static final class Match {
        private Match() {}

        static boolean selectsAllPods(JsonNode match, String ns, JsonNode labels) {
            List<JsonNode> any = Json.elements(match.path("any"));
            List<JsonNode> all = Json.elements(match.path("all"));
            if (any.isEmpty() && all.isEmpty()) {
                return match.isObject() && coversPods(match, ns, labels);
            }
            boolean anyOk = any.isEmpty() || any.stream().anyMatch(f -> coversPods(f, ns, labels));
            boolean allOk = all.isEmpty() || allCoverPods(all, ns, labels);
            return anyOk && allOk;
        }

        /** {@code all}: every filter must hold, so kinds may sit in one filter and namespaces in another. */
        private static boolean allCoverPods(List<JsonNode> filters, String ns, JsonNode labels) {
            boolean podKind = false;
            for (JsonNode f : filters) {
                if (partial(f) || !namespaceOk(f.path("resources"), ns, labels)) {
                    return false;
                }
                Boolean kinds = podKinds(f.path("resources"));
                if (Boolean.FALSE.equals(kinds)) {
                    return false;
                }
                podKind |= Boolean.TRUE.equals(kinds);
            }
            return podKind;
        }

        private static boolean coversPods(JsonNode filter, String ns, JsonNode labels) {
            JsonNode resources = filter.path("resources");
            return Boolean.TRUE.equals(podKinds(resources)) && !partial(filter) && namespaceOk(resources, ns, labels);
        }

        /** A filter that selects only some Pods or some requesters of a namespace. */
        private static boolean partial(JsonNode filter) {
            JsonNode r = filter.path("resources");
            List<String> ops = Json.texts(r.path("operations"));
            return nonEmpty(filter.path("subjects"))
                    || nonEmpty(filter.path("roles"))
                    || nonEmpty(filter.path("clusterRoles"))
                    || nonEmpty(r.path("names"))
                    || Json.text(r, "name") != null
                    || nonEmpty(r.path("annotations"))
                    || r.path("selector").isObject()
                    || (!ops.isEmpty() && !ops.contains("CREATE"));
        }

        /** TRUE when the kinds name Pods, FALSE when they name only other kinds, null when unset. */
        private static Boolean podKinds(JsonNode resources) {
            List<String> kinds = Json.texts(resources.path("kinds"));
            if (kinds.isEmpty()) {
                return null;
            }
            return kinds.stream().anyMatch(Match::isPodKind);
        }

        private static boolean isPodKind(String kind) {
            String k = kind.trim();
            return k.equals("*") || k.equals("Pod") || k.endsWith("/Pod") || k.endsWith("/*");
        }

        private static boolean namespaceOk(JsonNode resources, String ns, JsonNode labels) {
            List<String> names = Json.texts(resources.path("namespaces"));
            if (!names.isEmpty() && names.stream().noneMatch(p -> Selectors.wildcard(p, ns))) {
                return false;
            }
            JsonNode selector = resources.path("namespaceSelector");
            return !selector.isObject() || Selectors.matches(selector, labels);
        }

        /** Whether an exclude block may exempt Pods of this namespace (requester-only excludes are ignored). */
        static boolean mayExclude(JsonNode exclude, String ns, JsonNode labels) {
            List<JsonNode> any = Json.elements(exclude.path("any"));
            List<JsonNode> all = Json.elements(exclude.path("all"));
            if (any.isEmpty() && all.isEmpty()) {
                return exclude.isObject() && excludesPods(exclude, ns, labels);
            }
            return any.stream().anyMatch(f -> excludesPods(f, ns, labels))
                    || (!all.isEmpty() && all.stream().allMatch(f -> excludesPods(f, ns, labels)));
        }

        private static boolean excludesPods(JsonNode filter, String ns, JsonNode labels) {
            if (nonEmpty(filter.path("subjects"))
                    || nonEmpty(filter.path("roles"))
                    || nonEmpty(filter.path("clusterRoles"))) {
                return false;
            }
            JsonNode r = filter.path("resources");
            if (!r.isObject() || r.isEmpty() || Boolean.FALSE.equals(podKinds(r))) {
                return false;
            }
            return namespaceOk(r, ns, labels);
        }

        private static boolean nonEmpty(JsonNode node) {
            return (node.isArray() || node.isObject()) && !node.isEmpty();
        }
    }
}
