package io.vigil.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vigil.check.AuditSettings;
import io.vigil.check.ViewIndex;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceKey;
import io.vigil.pipeline.AuditSource;
import io.vigil.source.ProjectedStore;
import io.vigil.source.WatchedKind;
import io.vigil.source.WatchedKinds;
import io.vigil.source.compact.Compact;
import io.vigil.source.compact.CompactSerialization;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ClusterView KubeSource gives, over bare ProjectedStores (no informers): the same stores and reads. As an
 * AuditSource it serves the real AuditVerticle (LatencyBench); it never watches, every kind counts as synced.
 */
final class StoreView implements AuditSource {
    /** The informers' serialization: each item decoded once into the compact cache. */
    final KubernetesSerialization serialization = CompactSerialization.create(Compact.decoder());

    final Map<String, ProjectedStore> stores = new HashMap<>();
    private final AuditSettings settings;

    StoreView(AuditSettings settings) {
        this.settings = settings;
        for (WatchedKind k : WatchedKinds.ALL) {
            if (!k.optional()) {
                stores.put(k.kindKey(), new ProjectedStore(k, serialization));
            }
        }
    }

    /** What the informer does with one object of a LIST or WATCH: deserialise, then put in its store. */
    KubeObject ingest(String kindKey, byte[] json) {
        GenericKubernetesResource r = parse(json);
        ProjectedStore store = stores.get(kindKey);
        String key = store.getKey(r);
        store.put(key, r);
        return store.object(r.getMetadata().getNamespace(), r.getMetadata().getName());
    }

    GenericKubernetesResource parse(byte[] json) {
        return serialization.unmarshal(new ByteArrayInputStream(json), GenericKubernetesResource.class);
    }

    /**
     * What fabric8's watch does with one MODIFIED or ADDED event's bytes on the informer's thread: decode the
     * event (its object straight into the compact tree), then put the object in the kind's store.
     */
    KubeObject watched(String kindKey, byte[] watchEvent) {
        WatchEvent event = serialization.unmarshal(new ByteArrayInputStream(watchEvent), WatchEvent.class);
        GenericKubernetesResource r = (GenericKubernetesResource) event.getObject();
        ProjectedStore store = stores.get(kindKey);
        store.put(store.getKey(r), r);
        return store.object(r.getMetadata().getNamespace(), r.getMetadata().getName());
    }

    /** The informers' decode alone (objects dropped), for the breakdown row. */
    static final class Parser {
        private static final KubernetesSerialization SERIALIZATION = CompactSerialization.create(Compact.decoder());

        GenericKubernetesResource parse(byte[] json) {
            return SERIALIZATION.unmarshal(new ByteArrayInputStream(json), GenericKubernetesResource.class);
        }
    }

    @Override
    public void start() {}

    @Override
    public void stop() {}

    @Override
    public Optional<KubeObject> get(ResourceKey key) {
        return get(key.kind(), key.namespace(), key.name());
    }

    @Override
    public List<ResourceKey> keys() {
        List<ResourceKey> out = new ArrayList<>();
        stores.values().forEach(s -> s.objects().forEach(o -> out.add(o.key())));
        return out;
    }

    @Override
    public List<ResourceKey> keys(String kindKey, String namespace) {
        List<KubeObject> objects = namespace == null ? list(kindKey) : list(kindKey, namespace);
        return objects.stream().map(KubeObject::key).toList();
    }

    @Override
    public boolean allSynced() {
        return true;
    }

    @Override
    public int cachedObjects() {
        return stores.values().stream().mapToInt(ProjectedStore::size).sum();
    }

    @Override
    public void relistAll() {}

    @Override
    public void relistDroppedWatches() {}

    @Override
    public Optional<KubeObject> get(String kindKey, String namespace, String name) {
        ProjectedStore s = stores.get(kindKey);
        return s == null ? Optional.empty() : Optional.ofNullable(s.object(namespace, name));
    }

    @Override
    public List<KubeObject> list(String kindKey) {
        ProjectedStore s = stores.get(kindKey);
        return s == null ? List.of() : s.objects();
    }

    @Override
    public List<KubeObject> list(String kindKey, String namespace) {
        ProjectedStore s = stores.get(kindKey);
        return s == null ? List.of() : s.objects(namespace);
    }

    @Override
    public List<KubeObject> indexed(ViewIndex index, String kindKey, String namespace, String value) {
        ProjectedStore s = stores.get(kindKey);
        if (s == null) {
            return List.of();
        }
        return s.keeps(index)
                ? s.indexed(index, namespace, value)
                : AuditSource.super.indexed(index, kindKey, namespace, value);
    }

    @Override
    public boolean serves(String kindKey) {
        return stores.containsKey(kindKey);
    }

    @Override
    public AuditSettings settings() {
        return settings;
    }
}
