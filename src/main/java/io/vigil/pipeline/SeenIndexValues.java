package io.vigil.pipeline;

import io.vigil.check.ViewIndex;
import io.vigil.model.ResourceKey;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link Dependents} needs to know of an object's past: the values of an index the pipeline has seen it
 * under since its last change was handled (read from the cache at that change, and from each evaluation of it
 * since). A workload that moves from ServiceAccount a to b, or is deleted, leaves a's other users to be
 * re-evaluated, and by then the cache only knows b. Event loop only.
 *
 * <p>Only objects with values have an entry (a workload on {@code default} or a ReplicaSet's pod has none):
 * one map entry and one list, whose strings are the cache's own pooled ones.
 */
final class SeenIndexValues {
    private final Map<ViewIndex, Map<ResourceKey, List<String>>> byIndex = new HashMap<>();
    private boolean complete;

    /** Records {@code current} as what {@code key} is now seen under and returns what it was seen under before. */
    List<String> replace(ViewIndex index, ResourceKey key, List<String> current) {
        Map<ResourceKey, List<String>> seen = byIndex.computeIfAbsent(index, i -> new HashMap<>());
        List<String> before = current.isEmpty() ? seen.remove(key) : seen.put(key, current);
        return before == null ? List.of() : before;
    }

    /** Adds values an evaluation saw {@code key} under (an outcome may be older than the last change). */
    void add(ViewIndex index, ResourceKey key, List<String> values) {
        if (!values.isEmpty()) {
            byIndex.computeIfAbsent(index, i -> new HashMap<>()).merge(key, values, SeenIndexValues::union);
        }
    }

    boolean has(ViewIndex index, ResourceKey key) {
        return byIndex.getOrDefault(index, Map.of()).containsKey(key);
    }

    /**
     * Every cached object has been evaluated once (the first full evaluation was published): from now on an
     * object without an entry has no values, and none to leave behind.
     */
    void markComplete() {
        complete = true;
    }

    boolean complete() {
        return complete;
    }

    int entries() {
        return byIndex.values().stream().mapToInt(Map::size).sum();
    }

    private static List<String> union(List<String> seen, List<String> more) {
        if (seen.containsAll(more)) {
            return seen;
        }
        Set<String> all = new LinkedHashSet<>(seen);
        all.addAll(more);
        return List.copyOf(all);
    }
}
