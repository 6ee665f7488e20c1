package io.vigil.source;

import io.vigil.check.ViewIndex;
import io.vigil.check.support.Indexes;
import io.vigil.model.KubeObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One store's secondary indexes ({@link Indexes}), updated on each put and remove: per index, the
 * objects under each value in each namespace and in all namespaces. Written by the informer's thread,
 * read concurrently by the pipeline.
 */
final class StoreIndexes {
    private static final String ALL_NAMESPACES = "\u0000*";

    private final List<ViewIndex> indexes;
    private final Map<String, Map<String, KubeObject>> entries = new ConcurrentHashMap<>();

    StoreIndexes(String kindKey) {
        this.indexes =
                Indexes.ALL.stream().filter(i -> i.kinds().contains(kindKey)).toList();
    }

    void add(String storeKey, KubeObject o) {
        for (ViewIndex index : indexes) {
            for (String value : index.values().apply(o)) {
                bucket(index, o.namespace(), value).put(storeKey, o);
                bucket(index, ALL_NAMESPACES, value).put(storeKey, o);
            }
        }
    }

    void remove(String storeKey, KubeObject o) {
        for (ViewIndex index : indexes) {
            for (String value : index.values().apply(o)) {
                drop(key(index, o.namespace(), value), storeKey);
                drop(key(index, ALL_NAMESPACES, value), storeKey);
            }
        }
    }

    /** Objects under {@code value}; a null namespace means all namespaces. */
    List<KubeObject> get(ViewIndex index, String namespace, String value) {
        Map<String, KubeObject> b = entries.get(key(index, namespace == null ? ALL_NAMESPACES : namespace, value));
        return b == null ? List.of() : List.copyOf(b.values());
    }

    boolean covers(ViewIndex index) {
        return indexes.contains(index);
    }

    private Map<String, KubeObject> bucket(ViewIndex index, String namespace, String value) {
        return entries.computeIfAbsent(key(index, namespace, value), k -> new ConcurrentHashMap<>());
    }

    private void drop(String bucketKey, String storeKey) {
        entries.computeIfPresent(bucketKey, (k, b) -> {
            b.remove(storeKey);
            return b.isEmpty() ? null : b;
        });
    }

    private static String key(ViewIndex index, String namespace, String value) {
        return index.name() + '\u0000' + (namespace == null ? "" : namespace) + '\u0000' + value;
    }
}
