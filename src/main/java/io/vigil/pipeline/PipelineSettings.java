package io.vigil.pipeline;

import java.time.Duration;

/**
 * The pipeline's knobs (validated by the configuration). {@code initialSyncThreads} evaluate the first full
 * evaluation after the initial sync in parallel (issue 13); every later evaluation stays on one thread at a
 * time, so the steady state needs one core.
 */
public record PipelineSettings(
        Duration fullEvaluationInterval, int batchSize, Duration watchHealthInterval, int initialSyncThreads) {
    public PipelineSettings {
        if (initialSyncThreads < 1) {
            throw new IllegalArgumentException("initialSyncThreads must be at least 1, not " + initialSyncThreads);
        }
    }

    /** With one initial-sync thread per core. */
    public PipelineSettings(Duration fullEvaluationInterval, int batchSize, Duration watchHealthInterval) {
        this(
                fullEvaluationInterval,
                batchSize,
                watchHealthInterval,
                Runtime.getRuntime().availableProcessors());
    }

    public static PipelineSettings defaults() {
        return new PipelineSettings(Duration.ofMinutes(10), 512, Duration.ofSeconds(1));
    }
}
