package io.vigil.pipeline;

import io.vigil.check.ClusterView;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceKey;
import java.util.List;
import java.util.Optional;

/**
 * The cluster as the pipeline reads it: the cache behind the keys it is handed, and the few controls it needs
 * (start, re-list). The pipeline owns this contract so that it depends on no source implementation; blocking
 * methods are called off the event loop. The reads ({@link #get}, {@link #keys} and the {@code ClusterView}
 * methods) are called from several threads at once during the first full evaluation: an implementation keeps
 * them safe for concurrent use and hands out objects that are never mutated afterwards.
 */
public interface AuditSource extends ClusterView {
    /** Starts watching; blocks while the informers start. */
    void start();

    void stop();

    Optional<KubeObject> get(ResourceKey key);

    /** Every cached object's key, for a full re-evaluation. */
    List<ResourceKey> keys();

    /** The cached keys of a kind in a namespace ({@code null} namespace: all namespaces). */
    List<ResourceKey> keys(String kindKey, String namespace);

    /** Every kind that can be served has synced once. */
    boolean allSynced();

    int cachedObjects();

    /** Re-lists every kind (a periodic full re-evaluation; also re-discovers kinds). Blocks. */
    void relistAll();

    /** Re-lists the kinds whose watch dropped since the last call. Blocks. */
    void relistDroppedWatches();
}
