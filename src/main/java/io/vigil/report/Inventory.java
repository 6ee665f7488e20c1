package io.vigil.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.AuditSettings;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.Evaluator;
import io.vigil.check.Family;
import io.vigil.check.support.PodSpecView;
import io.vigil.checks.images.ScanEvidence;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceKey;
import io.vigil.model.ResourceRef;
import io.vigil.scan.ManifestClusterView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The objects a report's findings were computed from (manifests or a cluster LIST), so the report can say
 * what was assessed and what did not apply. A running Vigil's API serves findings only: then there is no
 * inventory and reports say so.
 *
 * <p>Cluster-scoped RBAC is attributed to namespaces: a ClusterRoleBinding to the namespaces of its
 * ServiceAccount subjects, and a ClusterRole to the namespaces it is granted in (through such a
 * ClusterRoleBinding or through a RoleBinding there).
 */
public final class Inventory {
    private final List<KubeObject> objects;
    private final AuditSettings settings;
    private final ManifestClusterView view;
    private final Evaluator scope;
    private final Map<ResourceKey, Set<String>> attributed = new HashMap<>();
    /** Per check id: the namespaces where it assesses something, and whether it assesses cluster-scoped objects. */
    private final Map<String, Coverage> coverage = new HashMap<>();

    /** Kinds the input could not list (kind key to why), so checks reading them are not audited. */
    private final Map<String, String> unread;

    private record Coverage(boolean any, boolean clusterScoped, Set<String> namespaces) {}

    public Inventory(List<KubeObject> objects, AuditSettings settings) {
        this(objects, settings, Map.of());
    }

    /** @param unread kind key ({@code rbac.authorization.k8s.io/Role}) to why it could not be listed */
    public Inventory(List<KubeObject> objects, AuditSettings settings, Map<String, String> unread) {
        this.unread = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(unread));
        this.objects = List.copyOf(objects);
        this.settings = settings;
        this.view = new ManifestClusterView(this.objects, settings);
        this.scope = new Evaluator(List.of(), settings);
        attributeClusterRbac();
    }

    public List<KubeObject> objects() {
        return objects;
    }

    public AuditSettings settings() {
        return settings;
    }

    /** Namespaces a report covers: declared ones and those objects are in, minus excluded system namespaces. */
    public Set<String> namespaces() {
        Set<String> out = new TreeSet<>();
        for (KubeObject o : objects) {
            if (Kinds.NAMESPACE.equals(o.kindKey())) {
                out.add(o.name());
            } else if (o.namespace() != null) {
                out.add(o.namespace());
            }
        }
        if (!settings.includeSystem()) {
            out.removeIf(settings::isSystemNamespace);
        }
        return out;
    }

    /**
     * The namespaces an object (or a finding on it) belongs to: a Namespace its own, a namespaced object its
     * namespace, cluster-scoped RBAC the namespaces it is attributed to, anything else none.
     */
    public Set<String> namespacesOf(ResourceRef ref) {
        if (Kinds.NAMESPACE.equals(ref.key().kind())) {
            return Set.of(ref.name());
        }
        if (ref.namespace() != null) {
            return Set.of(ref.namespace());
        }
        return attributed.getOrDefault(ref.key(), Set.of());
    }

    /** How a cluster-scoped object reaches a namespace, for the report's notes; empty for namespaced objects. */
    public boolean isAttributed(ResourceRef ref) {
        return ref.namespace() == null && attributed.containsKey(ref.key());
    }

    /** Whether a kube-apiserver static pod is visible (the control-plane checks need it). */
    public boolean apiServerVisible() {
        return objects.stream().anyMatch(Inventory::isApiServerPod);
    }

    /**
     * Whether the check actually looks at this object: the object is one of its subject kinds and in its
     * scope (system namespaces, workload identity), and what the check needs is present (a kube-apiserver for
     * control-plane checks, Trivy Operator reports, a signature controller, a registry allow-list, a Dapr
     * sidecar).
     */
    public boolean assesses(CheckInfo check, KubeObject o) {
        if (check.descriptor() == null
                || !check.descriptor().subjectKinds().contains(o.kindKey())
                || !scope.inScope(check.descriptor().scope(), o)) {
            return false;
        }
        if (check.family() == Family.CONTROL_PLANE) {
            return isApiServerPod(o);
        }
        return switch (check.id()) {
            case "image-vulnerable", "image-unscanned" -> view.serves(Kinds.VULNERABILITY_REPORT);
            case "image-signature-unenforced" -> signatureControllerPresent();
            case "image-untrusted-registry" -> !settings.allowedRegistries().isEmpty();
            case "dapr-api-token-missing" -> daprEnabled(o);
            default -> true;
        };
    }

    /** Kinds the input could not list, kind key to why (HTTP status and the server's message), by kind. */
    public Map<String, String> unread() {
        return unread;
    }

    /** The subject kinds of a check the input could not list: its verdict is then NOT AUDITED. */
    public Set<String> unreadKinds(CheckInfo check) {
        if (check.descriptor() == null) {
            return Set.of();
        }
        Set<String> out = new TreeSet<>(check.descriptor().subjectKinds());
        out.retainAll(unread.keySet());
        return out;
    }

    /** Why a check assesses nothing in this input, or empty when it assesses something. */
    public Optional<String> notAssessed(CheckInfo check, boolean baselineKnown) {
        Set<String> notListed = unreadKinds(check);
        if (!notListed.isEmpty()) {
            return Optional.of("not audited: could not list " + String.join(", ", notListed));
        }
        if (check.descriptor() == null) {
            return baselineKnown ? Optional.empty() : Optional.of("no baseline given");
        }
        if (assessesAny(check)) {
            return Optional.empty();
        }
        if (check.family() == Family.CONTROL_PLANE) {
            return Optional.of("no kube-apiserver pod visible (managed control plane, or not in the input)");
        }
        return Optional.of(
                switch (check.id()) {
                    case "image-vulnerable", "image-unscanned" ->
                        view.serves(Kinds.VULNERABILITY_REPORT)
                                ? "no running pods in the input"
                                : "no Trivy Operator VulnerabilityReports in the input";
                    case "image-signature-unenforced" ->
                        signatureControllerPresent()
                                ? "no namespaces in the input"
                                : "no signature-verification admission controller in the input";
                    case "image-untrusted-registry" ->
                        settings.allowedRegistries().isEmpty()
                                ? "no registry allow-list configured"
                                : "no workloads in the input";
                    case "dapr-api-token-missing" -> "no Dapr-enabled workloads in the input";
                    default ->
                        "no "
                                + String.join(
                                        ", ",
                                        new TreeSet<>(check.descriptor().subjectKinds())
                                                .stream()
                                                        .map(k -> k.contains("/") ? k.substring(k.indexOf('/') + 1) : k)
                                                        .toList())
                                + " in scope in the input";
                });
    }

    /** Whether the check assesses something in this namespace (namespaces as {@link #namespacesOf}). */
    public boolean assessesIn(CheckInfo check, String namespace) {
        return coverage(check).namespaces().contains(namespace);
    }

    /** Whether the check assesses a cluster-scoped object (a Namespace does not count: it has its own row). */
    public boolean assessesClusterScoped(CheckInfo check) {
        return coverage(check).clusterScoped();
    }

    /** Whether the check assesses anything at all. */
    public boolean assessesAny(CheckInfo check) {
        return coverage(check).any();
    }

    /** One pass over the objects per check, remembered: reports ask per namespace and point. */
    private Coverage coverage(CheckInfo check) {
        return coverage.computeIfAbsent(check.id(), id -> {
            boolean any = false;
            boolean clusterScoped = false;
            Set<String> namespaces = new java.util.HashSet<>();
            for (KubeObject o : objects) {
                if (assesses(check, o)) {
                    any = true;
                    clusterScoped |= o.namespace() == null && !Kinds.NAMESPACE.equals(o.kindKey());
                    namespaces.addAll(namespacesOf(o.ref()));
                }
            }
            return new Coverage(any, clusterScoped, Set.copyOf(namespaces));
        });
    }

    /**
     * The running images in a namespace (as the image-scan checks see them: pods, or workload templates
     * when the input has no pods) that no VulnerabilityReport covers, sorted; empty when every one is
     * covered or nothing runs there.
     */
    public Set<String> imagesWithoutReport(String namespace) {
        Set<String> out = new TreeSet<>();
        for (KubeObject o : objects) {
            if (namespace.equals(o.namespace()) && scope.inScope(CheckDescriptor.Scope.RUNNING_PODS, o)) {
                out.addAll(ScanEvidence.imagesWithoutReport(o, view));
            }
        }
        return out;
    }

    public boolean serves(String kindKey) {
        return view.serves(kindKey);
    }

    private boolean signatureControllerPresent() {
        if (view.serves(Kinds.CLUSTER_IMAGE_POLICY)) {
            return true;
        }
        List<KubeObject> kyverno = new ArrayList<>(view.list(Kinds.KYVERNO_CLUSTER_POLICY));
        kyverno.addAll(view.list(Kinds.KYVERNO_POLICY));
        for (KubeObject p : kyverno) {
            for (JsonNode rule : p.at("spec", "rules")) {
                JsonNode verify = rule.path("verifyImages");
                if (verify.isArray() && !verify.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean daprEnabled(KubeObject o) {
        return PodSpecView.of(o)
                .map(p -> "true"
                        .equals(p.metadata()
                                .path("annotations")
                                .path("dapr.io/enabled")
                                .asText("")))
                .orElse(false);
    }

    private static boolean isApiServerPod(KubeObject o) {
        if (!Kinds.POD.equals(o.kindKey()) || !"kube-system".equals(o.namespace())) {
            return false;
        }
        if ("kube-apiserver".equals(o.label("component"))) {
            return true;
        }
        for (JsonNode c : o.at("spec", "containers")) {
            for (String list : List.of("command", "args")) {
                JsonNode argv = c.path(list);
                if (argv.isArray() && !argv.isEmpty()) {
                    String first = argv.get(0).asText("");
                    String base = first.substring(first.lastIndexOf('/') + 1);
                    if (base.equals("kube-apiserver")
                            || base.equals("hyperkube")
                                    && argv.size() > 1
                                    && "kube-apiserver".equals(argv.get(1).asText())) {
                        return true;
                    }
                    break;
                }
            }
        }
        return false;
    }

    private void attributeClusterRbac() {
        for (KubeObject binding : view.list(Kinds.CLUSTER_ROLE_BINDING)) {
            Set<String> namespaces = new LinkedHashSet<>();
            for (JsonNode s : binding.at("subjects")) {
                if ("ServiceAccount".equals(s.path("kind").asText())
                        && !s.path("namespace").asText("").isEmpty()) {
                    namespaces.add(s.path("namespace").asText());
                }
            }
            if (namespaces.isEmpty()) {
                continue;
            }
            attribute(binding.key(), namespaces);
            if ("ClusterRole".equals(binding.at("roleRef", "kind").asText())) {
                attribute(
                        new ResourceKey(
                                Kinds.CLUSTER_ROLE,
                                null,
                                binding.at("roleRef", "name").asText()),
                        namespaces);
            }
        }
        for (KubeObject binding : view.list(Kinds.ROLE_BINDING)) {
            if ("ClusterRole".equals(binding.at("roleRef", "kind").asText()) && binding.namespace() != null) {
                attribute(
                        new ResourceKey(
                                Kinds.CLUSTER_ROLE,
                                null,
                                binding.at("roleRef", "name").asText()),
                        Set.of(binding.namespace()));
            }
        }
    }

    private void attribute(ResourceKey key, Set<String> namespaces) {
        attributed.computeIfAbsent(key, k -> new TreeSet<>()).addAll(namespaces);
    }
}
