package io.vigil.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.check.AuditSettings;
import io.vigil.check.CheckDescriptor.Scope;
import io.vigil.check.ClusterView;
import io.vigil.check.Evaluator;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Masking;
import io.vigil.model.SecretLooking;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the baseline fingerprints (DESIGN §6) and how. Every field is put in a canonical form first, so
 * a manifest and the object the API server stores from it give the same fingerprint, and reordering or
 * defaulting is not drift:
 * <ul>
 * <li>Role, ClusterRole: {@code rules} (a set of rules, each a set of verbs, resources...); a ClusterRole
 *     with an {@code aggregationRule} is fingerprinted by {@code aggregationRule} only, since the controller
 *     manager writes its rules (a new aggregated role is itself a fingerprinted object).</li>
 * <li>RoleBinding, ClusterRoleBinding: {@code subjects} (a set; the default {@code apiGroup} dropped, a
 *     ServiceAccount's namespace defaulted to the binding's), {@code roleRef}.</li>
 * <li>NetworkPolicy: each {@code spec.<key>} (sets; {@code policyTypes} and port protocols defaulted).</li>
 * <li>Namespace: each label, {@code metadata.labels[<key>]}, except {@code kubernetes.io/metadata.name}
 *     (set by the API server from the name since v1.21; it is the name, not a setting).</li>
 * <li>Validating/MutatingWebhookConfiguration: per webhook {@code webhooks[name=<n>].<field>} for
 *     {@code rules}, {@code failurePolicy}, {@code matchPolicy}, {@code namespaceSelector},
 *     {@code objectSelector}, {@code matchConditions} and {@code clientConfig} without {@code caBundle}
 *     (rotated certificates are not drift), with the API server's defaults.</li>
 * <li>Dapr Configuration: each {@code spec.<key>}, arrays in order (pipelines are ordered), secret-looking
 *     values masked.</li>
 * </ul>
 * A field that is absent, null, {@code []} or {@code {}} is not recorded (they mean the same).
 */
public final class Fingerprints {
    /** Fingerprinted kinds, in the order fingerprints are listed. */
    public static final List<String> KINDS = List.of(
            Kinds.NAMESPACE,
            Kinds.ROLE,
            Kinds.CLUSTER_ROLE,
            Kinds.ROLE_BINDING,
            Kinds.CLUSTER_ROLE_BINDING,
            Kinds.NETWORK_POLICY,
            Kinds.VALIDATING_WEBHOOK,
            Kinds.MUTATING_WEBHOOK,
            Kinds.DAPR_CONFIGURATION);
    /** Longest canonical value stored verbatim; longer ones are stored as {@code sha256:<hex>}. */
    public static final int MAX_VERBATIM = 200;

    public static final String HASH_PREFIX = "sha256:";

    private static final Set<String> KIND_SET = Set.copyOf(KINDS);
    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    private static final String NAME_LABEL = "kubernetes.io/metadata.name";

    /** Fingerprints sort by kind (in {@link #KINDS} order), namespace, name. */
    public static final Comparator<Fingerprint> ORDER = Comparator.comparing(
                    (Fingerprint f) -> KINDS.indexOf(f.kindKey()))
            .thenComparing(f -> f.namespace() == null ? "" : f.namespace())
            .thenComparing(Fingerprint::name);

    private Fingerprints() {}

    public static boolean covers(String kindKey) {
        return KIND_SET.contains(kindKey);
    }

    /** The fingerprint of one object of a fingerprinted kind; secret-looking values masked with {@code masking}. */
    public static Fingerprint of(KubeObject o, Masking masking) {
        if (!covers(o.kindKey())) {
            throw new IllegalArgumentException(o.kindKey() + " is not a fingerprinted kind");
        }
        return Fingerprint.of(o.ref().apiVersion(), o.ref().kind(), o.namespace(), o.name(), fields(o, masking));
    }

    /**
     * Fingerprints of the objects of fingerprinted kinds that the audit looks at under {@code settings}
     * (system namespaces and built-in RBAC objects only with {@code includeSystem}), sorted.
     */
    public static List<Fingerprint> of(Collection<KubeObject> objects, AuditSettings settings) {
        Evaluator scope = new Evaluator(List.of(), settings);
        List<Fingerprint> out = new ArrayList<>();
        for (KubeObject o : objects) {
            if (covers(o.kindKey()) && scope.inScope(Scope.WORKLOAD, o)) {
                out.add(of(o, settings.masking()));
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** SHA-256 (hex) of the canonical JSON of the fields: the fingerprint's {@code sha256}. */
    public static String sha256(Map<String, String> fields) {
        ObjectNode node = Canonical.NODES.objectNode();
        new TreeMap<>(fields).forEach(node::put);
        return Masking.sha256Hex(Canonical.json(node));
    }

    /**
     * The payload of {@code GET /api/v1/fingerprints}: every fingerprint of the objects a running Vigil
     * sees, with the fingerprinted kinds it serves, so {@code vigil baseline capture --from-api} records
     * the same fingerprints a capture from the cluster would.
     */
    public static ObjectNode payload(ClusterView view) {
        ObjectNode doc = Canonical.NODES.objectNode();
        doc.put("schema", "vigil.fingerprints/v1");
        doc.put("cluster", view.settings().cluster());
        ArrayNode served = doc.putArray("kinds");
        List<KubeObject> objects = new ArrayList<>();
        for (String kind : KINDS) {
            if (view.serves(kind)) {
                served.add(kind);
                objects.addAll(view.list(kind));
            }
        }
        ArrayNode items = doc.putArray("fingerprints");
        for (Fingerprint f : of(objects, view.settings())) {
            items.add(BaselineCodec.fingerprint(f));
        }
        return doc;
    }

    /** The canonical fingerprinted fields of an object: field name -> verbatim value or {@code sha256:<hex>}. */
    public static SortedMap<String, String> fields(KubeObject o, Masking masking) {
        SortedMap<String, JsonNode> canonical = new TreeMap<>();
        switch (o.kindKey()) {
            case Kinds.ROLE, Kinds.CLUSTER_ROLE -> role(o, canonical);
            case Kinds.ROLE_BINDING, Kinds.CLUSTER_ROLE_BINDING -> binding(o, canonical);
            case Kinds.NETWORK_POLICY -> networkPolicy(o, canonical);
            case Kinds.NAMESPACE -> namespace(o, canonical);
            case Kinds.VALIDATING_WEBHOOK, Kinds.MUTATING_WEBHOOK -> webhooks(o, canonical);
            case Kinds.DAPR_CONFIGURATION -> daprConfiguration(o, canonical, masking);
            default -> throw new IllegalArgumentException(o.kindKey() + " is not a fingerprinted kind");
        }
        SortedMap<String, String> out = new TreeMap<>();
        canonical.forEach((field, value) -> {
            if (!Canonical.isEmpty(value)) {
                out.put(field, verbatimOrHash(value));
            }
        });
        return out;
    }

    /** Short canonical values verbatim (text as is, structures as JSON); long ones as their hash. */
    static String verbatimOrHash(JsonNode canonical) {
        String text = canonical.isValueNode() ? canonical.asText() : Canonical.json(canonical);
        return text.length() > MAX_VERBATIM ? HASH_PREFIX + Masking.sha256Hex(Canonical.json(canonical)) : text;
    }

    // ---- per kind

    private static void role(KubeObject o, Map<String, JsonNode> out) {
        JsonNode aggregation = o.at("aggregationRule");
        if (Kinds.CLUSTER_ROLE.equals(o.kindKey()) && !Canonical.isEmpty(aggregation)) {
            out.put("aggregationRule", Canonical.sortedSets(aggregation));
            return;
        }
        ArrayNode rules = Canonical.NODES.arrayNode();
        for (JsonNode rule : Canonical.elements(o.at("rules"))) {
            ObjectNode r = Canonical.NODES.objectNode();
            Canonical.fields(rule).forEach((k, v) -> {
                if (!Canonical.isEmpty(v)) {
                    r.set(k, v);
                }
            });
            rules.add(r);
        }
        out.put("rules", Canonical.sortedSets(rules));
    }

    private static void binding(KubeObject o, Map<String, JsonNode> out) {
        ArrayNode subjects = Canonical.NODES.arrayNode();
        for (JsonNode s : Canonical.elements(o.at("subjects"))) {
            String kind = s.path("kind").asText("");
            ObjectNode n = subjects.addObject();
            n.put("kind", kind);
            n.put("name", s.path("name").asText(""));
            String namespace = s.path("namespace").asText("");
            if ("ServiceAccount".equals(kind) && namespace.isEmpty() && o.namespace() != null) {
                namespace = o.namespace();
            }
            if (!namespace.isEmpty()) {
                n.put("namespace", namespace);
            }
            String group = s.path("apiGroup").asText("");
            String defaultGroup = "ServiceAccount".equals(kind) ? "" : RBAC_GROUP;
            if (!group.isEmpty() && !group.equals(defaultGroup)) {
                n.put("apiGroup", group);
            }
        }
        out.put("subjects", Canonical.sortedSets(subjects));
        JsonNode ref = o.at("roleRef");
        if (ref.isObject()) {
            ObjectNode r = ((ObjectNode) ref).deepCopy();
            if (RBAC_GROUP.equals(r.path("apiGroup").asText())) {
                r.remove("apiGroup");
            }
            out.put("roleRef", Canonical.sortedKeys(r));
        }
    }

    private static void networkPolicy(KubeObject o, Map<String, JsonNode> out) {
        JsonNode spec = o.at("spec");
        if (!spec.isObject()) {
            return;
        }
        ObjectNode s = ((ObjectNode) spec).deepCopy();
        JsonNode types = s.get("policyTypes");
        if (types == null || !types.isArray() || types.isEmpty()) {
            ArrayNode defaulted = s.putArray("policyTypes");
            defaulted.add("Ingress");
            if (!Canonical.isEmpty(s.get("egress"))) {
                defaulted.add("Egress");
            }
        }
        for (String direction : new String[] {"ingress", "egress"}) {
            for (JsonNode rule : Canonical.elements(s.get(direction))) {
                for (JsonNode port : Canonical.elements(rule.get("ports"))) {
                    if (port instanceof ObjectNode p && !p.hasNonNull("protocol")) {
                        p.put("protocol", "TCP");
                    }
                }
            }
        }
        Canonical.fields(s).forEach((k, v) -> out.put("spec." + k, Canonical.sortedSets(v)));
    }

    private static void namespace(KubeObject o, Map<String, JsonNode> out) {
        Canonical.fields(o.at("metadata", "labels")).forEach((k, v) -> {
            if (!NAME_LABEL.equals(k)) {
                out.put("metadata.labels[" + k + "]", v);
            }
        });
    }

    private static void webhooks(KubeObject o, Map<String, JsonNode> out) {
        boolean v1beta1 = o.ref().apiVersion() != null && o.ref().apiVersion().endsWith("/v1beta1");
        List<JsonNode> hooks = Canonical.elements(o.at("webhooks"));
        for (int i = 0; i < hooks.size(); i++) {
            JsonNode w = hooks.get(i);
            String name = w.path("name").asText("");
            String prefix = "webhooks[" + (name.isEmpty() ? String.valueOf(i) : "name=" + name) + "].";
            ArrayNode rules = Canonical.NODES.arrayNode();
            for (JsonNode rule : Canonical.elements(w.get("rules"))) {
                ObjectNode r = rule.isObject() ? ((ObjectNode) rule).deepCopy() : Canonical.NODES.objectNode();
                if (!r.hasNonNull("scope")) {
                    r.put("scope", "*");
                }
                rules.add(r);
            }
            out.put(prefix + "rules", Canonical.sortedSets(rules));
            out.put(prefix + "failurePolicy", text(w.get("failurePolicy"), v1beta1 ? "Ignore" : "Fail"));
            out.put(prefix + "matchPolicy", text(w.get("matchPolicy"), v1beta1 ? "Exact" : "Equivalent"));
            out.put(prefix + "namespaceSelector", Canonical.sortedSets(w.get("namespaceSelector")));
            out.put(prefix + "objectSelector", Canonical.sortedSets(w.get("objectSelector")));
            out.put(prefix + "matchConditions", Canonical.sortedSets(w.get("matchConditions")));
            JsonNode client = w.get("clientConfig");
            if (client != null && client.isObject()) {
                ObjectNode c = ((ObjectNode) client).deepCopy();
                c.remove("caBundle");
                if (c.get("service") instanceof ObjectNode service && !service.hasNonNull("port")) {
                    service.put("port", 443);
                }
                out.put(prefix + "clientConfig", Canonical.sortedKeys(c));
            }
        }
    }

    private static JsonNode text(JsonNode value, String fallback) {
        return value != null && value.isTextual() && !value.asText().isEmpty()
                ? value
                : Canonical.NODES.textNode(fallback);
    }

    private static void daprConfiguration(KubeObject o, Map<String, JsonNode> out, Masking masking) {
        Canonical.fields(o.at("spec"))
                .forEach((k, v) -> out.put("spec." + k, masked(k, Canonical.sortedKeys(v), masking)));
    }

    /** Secret-looking text values replaced by their masked form (CHECKS.md), so no baseline holds a secret. */
    private static JsonNode masked(String name, JsonNode n, Masking masking) {
        if (n.isTextual()) {
            return SecretLooking.isSecret(name, n.asText()) ? Canonical.NODES.textNode(masking.mask(n.asText())) : n;
        }
        if (n.isObject()) {
            ObjectNode copy = Canonical.NODES.objectNode();
            // a {name: x, value: y} pair (Dapr metadata, headers): judge the value by its name
            String pairName = n.path("name").isTextual() ? n.path("name").asText() : null;
            Canonical.fields(n)
                    .forEach((k, v) ->
                            copy.set(k, masked("value".equals(k) && pairName != null ? pairName : k, v, masking)));
            return copy;
        }
        if (n.isArray()) {
            ArrayNode copy = Canonical.NODES.arrayNode();
            n.forEach(e -> copy.add(masked(name, e, masking)));
            return copy;
        }
        return n;
    }
}
