package io.vigil.pipeline;

import java.time.Duration;

/** The pipeline's knobs (validated by the configuration). */
public record PipelineSettings(Duration fullEvaluationInterval, int batchSize, Duration watchHealthInterval) {
    public static PipelineSettings defaults() {
        return new PipelineSettings(Duration.ofMinutes(10), 512, Duration.ofSeconds(1));
    }
}
