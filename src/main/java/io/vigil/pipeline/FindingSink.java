package io.vigil.pipeline;

import io.vigil.model.FindingEvent;
import java.util.List;

/**
 * Where finding events go. {@link #publish} is called on the event loop in event order and must not block;
 * a sink that does I/O hands the events to its own thread.
 */
public interface FindingSink {
    /**
     * @param receivedNanos {@link System#nanoTime()} when the watch event that caused these events arrived
     *                      (the oldest in the batch), for change-to-publish latency
     */
    void publish(List<FindingEvent> events, long receivedNanos);

    /**
     * True for a sink that confirms delivery (Kafka): it records change-to-publish latency at the
     * acknowledgement; otherwise the pipeline records it when the events are handed over.
     */
    default boolean acknowledges() {
        return false;
    }

    /** False while the sink wants the pipeline to stop producing events (backpressure). */
    default boolean accepting() {
        return true;
    }

    /** False when the sink cannot accept events (readiness). */
    default boolean ready() {
        return true;
    }

    default void close() {}
}
