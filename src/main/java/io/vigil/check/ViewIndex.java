package io.vigil.check;

import io.vigil.model.KubeObject;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A secondary index a ClusterView keeps so cross-object checks find related objects without scanning
 * (DESIGN §11: no check's cost per event grows with namespace size): for each object of {@code kinds},
 * the values it is found under. The informer cache updates its indexes on every change; the manifest
 * view answers by filtering (see {@link ClusterView#indexed}).
 */
public record ViewIndex(String name, Set<String> kinds, Function<KubeObject, List<String>> values) {
    public ViewIndex {
        kinds = Set.copyOf(kinds);
    }
}
