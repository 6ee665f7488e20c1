package io.vigil.bench;

import io.vigil.model.FindingEvent;
import io.vigil.pipeline.FindingSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A second sink beside Kafka: counts every finding event the pipeline publishes and, while recording, keeps each
 * hand-over (the events of one watch event with its due time), so the bare producer can replay the same records
 * on the same schedule, and how long each event took from its watch event's due time to this hand-over (the first
 * stage of the latency breakdown). It only appends to a list on the event loop.
 */
final class PublishedEvents implements FindingSink {
    /** The events the pipeline handed over for one watch event, and when that watch event was due. */
    record HandOver(long dueNanos, List<FindingEvent> events) {}

    private final AtomicLong count = new AtomicLong();
    private final List<HandOver> recorded = new ArrayList<>();
    private final Recorder handedOver = new Recorder(3);
    private volatile boolean recording;

    @Override
    public void publish(List<FindingEvent> events, long receivedNanos) {
        count.addAndGet(events.size());
        if (recording) {
            handedOver.recordValueWithCount(System.nanoTime() - receivedNanos, events.size());
            synchronized (recorded) {
                recorded.add(new HandOver(receivedNanos, List.copyOf(events)));
            }
        }
    }

    long count() {
        return count.get();
    }

    /** Due time -> hand-over, per finding event published while recording. */
    Histogram handOverLatency() {
        return handedOver.getIntervalHistogram();
    }

    void record(boolean on) {
        recording = on;
    }

    List<HandOver> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }
}
