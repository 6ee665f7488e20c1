package io.vigil.pipeline;

import io.vigil.model.ResourceKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key queue (DESIGN §2): a key is pending at most once, at the arrival time of its oldest pending change,
 * so a burst of changes to one object becomes one evaluation of its latest state. Taken in arrival order.
 * Event loop only.
 */
final class PendingKeys {
    private final Map<ResourceKey, Long> pending = new LinkedHashMap<>();

    void add(ResourceKey key, long receivedNanos) {
        pending.putIfAbsent(key, receivedNanos);
    }

    void addAll(Collection<ResourceKey> keys, long receivedNanos) {
        keys.forEach(k -> add(k, receivedNanos));
    }

    /** Puts back keys whose evaluation failed; a key queued again meanwhile keeps its own arrival time. */
    void requeue(List<Queued> taken) {
        taken.forEach(q -> add(q.key(), q.receivedNanos()));
    }

    List<Queued> take(int max) {
        List<Queued> batch = new ArrayList<>(Math.min(max, pending.size()));
        Iterator<Map.Entry<ResourceKey, Long>> it = pending.entrySet().iterator();
        while (it.hasNext() && batch.size() < max) {
            Map.Entry<ResourceKey, Long> e = it.next();
            batch.add(new Queued(e.getKey(), e.getValue()));
            it.remove();
        }
        return batch;
    }

    int size() {
        return pending.size();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }
}
