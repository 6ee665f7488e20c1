package io.vigil.check;

import io.vigil.model.KubeObject;
import java.util.List;
import java.util.Optional;

/** What cross-object checks may read: the other objects of the cluster (or of the scanned manifests). */
public interface ClusterView {
    Optional<KubeObject> get(String kindKey, String namespace, String name);

    /** Every object of a kind, all namespaces. */
    List<KubeObject> list(String kindKey);

    /** Objects of a kind in one namespace. */
    List<KubeObject> list(String kindKey, String namespace);

    /**
     * Whether the cluster serves this kind (a CRD is installed, or manifests of the kind were scanned).
     * Checks that only apply when a controller is present (Trivy Operator, sigstore) ask this.
     */
    boolean serves(String kindKey);

    AuditSettings settings();

    /**
     * The objects of a kind found under {@code value} in {@code index}, in one namespace or, with a null
     * namespace, in all. Order is unspecified. The default filters {@link #list}: right for a scan's few
     * objects; the informer cache answers from an index kept up to date on each change.
     */
    default List<KubeObject> indexed(ViewIndex index, String kindKey, String namespace, String value) {
        List<KubeObject> candidates = namespace == null ? list(kindKey) : list(kindKey, namespace);
        return candidates.stream()
                .filter(o -> index.values().apply(o).contains(value))
                .toList();
    }
}
