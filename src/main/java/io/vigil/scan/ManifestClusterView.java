package io.vigil.scan;

import io.vigil.check.AuditSettings;
import io.vigil.check.ClusterView;
import io.vigil.model.KubeObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The ClusterView of a scan: everything scanned, as if it were the cluster. */
public final class ManifestClusterView implements ClusterView {
    private final Map<String, List<KubeObject>> byKind = new HashMap<>();
    private final Set<String> servedKinds = new HashSet<>();
    private final AuditSettings settings;

    public ManifestClusterView(List<KubeObject> objects, AuditSettings settings) {
        this.settings = settings;
        for (KubeObject o : objects) {
            byKind.computeIfAbsent(o.kindKey(), k -> new ArrayList<>()).add(o);
            servedKinds.add(o.kindKey());
            if ("apiextensions.k8s.io".equals(o.ref().group())
                    && "CustomResourceDefinition".equals(o.ref().kind())) {
                String group = o.at("spec", "group").asText("");
                String kind = o.at("spec", "names", "kind").asText("");
                servedKinds.add(io.vigil.model.Kinds.key(group, kind));
            }
        }
    }

    @Override
    public Optional<KubeObject> get(String kindKey, String namespace, String name) {
        return byKind.getOrDefault(kindKey, List.of()).stream()
                .filter(o -> Objects.equals(o.namespace(), namespace) && Objects.equals(o.name(), name))
                .findFirst();
    }

    @Override
    public List<KubeObject> list(String kindKey) {
        return List.copyOf(byKind.getOrDefault(kindKey, List.of()));
    }

    @Override
    public List<KubeObject> list(String kindKey, String namespace) {
        return byKind.getOrDefault(kindKey, List.of()).stream()
                .filter(o -> Objects.equals(o.namespace(), namespace))
                .toList();
    }

    @Override
    public boolean serves(String kindKey) {
        return servedKinds.contains(kindKey);
    }

    @Override
    public AuditSettings settings() {
        return settings;
    }
}
