package io.vigil.pipeline;

import io.vigil.model.FindingEvent;
import io.vigil.model.TrackedFinding;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What the pipeline tells the metrics (DESIGN §8). The pipeline owns this listener so that it imports no
 * metrics library; {@link #NONE} keeps tests and embedded uses free of a registry. Called on the event loop,
 * except {@link #watchEvent} (informer threads) and {@link #evaluated} (a worker, for large batches).
 */
public interface PipelineMetrics {
    PipelineMetrics NONE = new PipelineMetrics() {};

    /** The checks in force, so each one's error series exists from the start. */
    default void checksInstalled(List<String> checkIds) {}

    /** Reads the queue depth and the stale-finding count at scrape time. */
    default void bind(LongSupplier queueDepth, LongSupplier staleFindings) {}

    default void watchEvent(String kindKey, String eventType) {}

    default void informerState(String kindKey, InformerState state) {}

    default void evaluated(long nanos) {}

    /** How long one task of the verticle ran on the event loop (everything it does there, evaluation inline). */
    default void loopTask(long nanos) {}

    default void checkError(String checkId) {}

    /** Events handed to the sinks, in order. */
    default void published(List<FindingEvent> events) {}

    /** Change-to-publish latency, when no sink acknowledges delivery itself. */
    default void handedOver(long nanosSinceChange) {}

    /** The policy changed which open findings are baselined or drift (no events for that). */
    default void retagged(List<TrackedFinding> open) {}

    default void fullEvaluationFinished(Instant at) {}
}
