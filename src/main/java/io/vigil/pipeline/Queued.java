package io.vigil.pipeline;

import io.vigil.model.ResourceKey;

/** A key taken from the queue, with when its oldest pending change arrived ({@link System#nanoTime()}). */
record Queued(ResourceKey key, long receivedNanos) {}
