package io.vigil.pipeline;

import io.vigil.check.AuditSettings;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceKey;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory {@link AuditSource}: concurrent like the informers' cache, keys in a stable order (so two runs
 * over the same objects visit them alike), re-lists recorded with their threads.
 */
final class MemorySource implements AuditSource {
    final Map<ResourceKey, KubeObject> objects = new ConcurrentHashMap<>();
    final List<String> relists = new CopyOnWriteArrayList<>();
    volatile boolean allSynced = true;

    void put(KubeObject o) {
        objects.put(o.key(), o);
    }

    @Override
    public void start() {}

    @Override
    public void stop() {}

    @Override
    public Optional<KubeObject> get(ResourceKey key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public List<ResourceKey> keys() {
        return objects.keySet().stream()
                .sorted(Comparator.comparing(ResourceKey::toString))
                .toList();
    }

    @Override
    public List<ResourceKey> keys(String kindKey, String namespace) {
        return keys().stream()
                .filter(k -> k.kind().equals(kindKey) && (namespace == null || namespace.equals(k.namespace())))
                .toList();
    }

    @Override
    public boolean allSynced() {
        return allSynced;
    }

    @Override
    public int cachedObjects() {
        return objects.size();
    }

    @Override
    public void relistAll() {
        relists.add("all on " + Thread.currentThread().getName());
    }

    @Override
    public void relistDroppedWatches() {
        relists.add("dropped on " + Thread.currentThread().getName());
    }

    @Override
    public Optional<KubeObject> get(String kindKey, String namespace, String name) {
        return get(new ResourceKey(kindKey, namespace, name));
    }

    @Override
    public List<KubeObject> list(String kindKey) {
        return keys(kindKey, null).stream().map(objects::get).toList();
    }

    @Override
    public List<KubeObject> list(String kindKey, String namespace) {
        return list(kindKey).stream()
                .filter(o -> Objects.equals(namespace, o.namespace()))
                .toList();
    }

    @Override
    public boolean serves(String kindKey) {
        return true;
    }

    @Override
    public AuditSettings settings() {
        return AuditSettings.defaults();
    }
}
