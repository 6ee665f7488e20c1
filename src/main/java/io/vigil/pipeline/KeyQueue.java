package io.vigil.pipeline;

import io.vigil.model.ResourceKey;

/**
 * Where the source hands changes to the pipeline. Called from informer threads: implementations only take
 * keys (DESIGN §2: events carry identity; state is read from the cache).
 */
public interface KeyQueue {
    /** @param eventType {@code add}, {@code update} or {@code delete} */
    void changed(ResourceKey key, String eventType);

    /** A kind's informer changed state (the source's health as the pipeline sees it). */
    void stateChanged(String kindKey, InformerState state);
}
