package io.vigil.baseline;

import io.vigil.model.Kinds;
import io.vigil.model.ResourceKey;
import io.vigil.model.ResourceRef;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The security-relevant state of one object as the baseline records it: each fingerprinted field's
 * canonical value (short values verbatim, long ones as {@code sha256:<hex>}) and {@code sha256}, the
 * SHA-256 of the canonical JSON of {@code fields}. Per-field values let drift name which fields changed.
 *
 * @param namespace null for cluster-scoped kinds
 */
public record Fingerprint(
        String apiVersion,
        String kind,
        String namespace,
        String name,
        String sha256,
        SortedMap<String, String> fields) {
    public Fingerprint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    }

    /** A fingerprint whose sha256 is computed from its fields. */
    public static Fingerprint of(
            String apiVersion, String kind, String namespace, String name, Map<String, String> fields) {
        return new Fingerprint(apiVersion, kind, namespace, name, Fingerprints.sha256(fields), new TreeMap<>(fields));
    }

    public ResourceRef ref() {
        return new ResourceRef(apiVersion, kind, namespace, name, null);
    }

    public String kindKey() {
        return ref().key().kind();
    }

    public ResourceKey key() {
        return new ResourceKey(kindKey(), namespace, name);
    }

    /** {@code ClusterRoleBinding ops-admins}, {@code NetworkPolicy shop/default-deny}. */
    public String display() {
        return ref().display();
    }

    /** Whether the kind of this entry is one Vigil fingerprints. */
    public boolean fingerprintedKind() {
        return Fingerprints.covers(kindKey());
    }

    static boolean namespaced(String kindKey) {
        return Kinds.isNamespaced(kindKey);
    }
}
