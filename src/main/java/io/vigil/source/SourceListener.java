package io.vigil.source;

import io.vigil.model.ResourceKey;

/**
 * What the source tells the pipeline. Called from informer threads: implementations only hand keys over
 * (DESIGN §2: events carry identity; state is read from the cache).
 */
public interface SourceListener {
    /** @param eventType {@code add}, {@code update} or {@code delete} */
    void changed(ResourceKey key, String eventType);

    void stateChanged(WatchedKind kind, InformerState state);
}
