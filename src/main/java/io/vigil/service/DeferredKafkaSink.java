package io.vigil.service;

import io.vigil.model.FindingEvent;
import io.vigil.pipeline.FindingSink;
import io.vigil.sink.kafka.PendingRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Kafka sink of a service whose broker is created empty while the service starts (the demo): findings are
 * shown at once, and what they publish waits here, in order, until the broker is up. An empty broker has no
 * state topic to resume from, so nothing decided before it was up can be a duplicate. Past {@code capacity}
 * waiting events the pipeline is held back (the caches keep the latest state), as by a full outbox.
 */
final class DeferredKafkaSink implements FindingSink {
    private sealed interface Waiting {}

    private record Events(List<FindingEvent> events, long receivedNanos) implements Waiting {}

    private record ConfigChange(PendingRecord record) implements Waiting {}

    private final int capacity;
    private final List<Waiting> waiting = new ArrayList<>();
    private int waitingEvents;
    private FindingSink delegate;
    private Consumer<PendingRecord> delegateConfigChanges;
    private boolean closed;

    DeferredKafkaSink(int capacity) {
        this.capacity = capacity;
    }

    /** Hands over what waited, in order, then publishes straight to {@code sink} (the Kafka sink). */
    synchronized void open(FindingSink sink, Consumer<PendingRecord> configChanges) {
        if (closed) {
            sink.close();
            return;
        }
        for (Waiting w : waiting) {
            if (w instanceof Events e) {
                sink.publish(e.events(), e.receivedNanos());
            } else if (w instanceof ConfigChange c) {
                configChanges.accept(c.record());
            }
        }
        waiting.clear();
        waitingEvents = 0;
        delegate = sink;
        delegateConfigChanges = configChanges;
    }

    synchronized int waitingEvents() {
        return waitingEvents;
    }

    @Override
    public synchronized void publish(List<FindingEvent> events, long receivedNanos) {
        if (delegate != null) {
            delegate.publish(events, receivedNanos);
        } else {
            waiting.add(new Events(List.copyOf(events), receivedNanos));
            waitingEvents += events.size();
        }
    }

    synchronized void publishConfigChange(PendingRecord record) {
        if (delegate != null) {
            delegateConfigChanges.accept(record);
        } else {
            waiting.add(new ConfigChange(record));
        }
    }

    @Override
    public boolean acknowledges() {
        return true;
    }

    @Override
    public synchronized boolean accepting() {
        return delegate == null ? waitingEvents < capacity : delegate.accepting();
    }

    /** Not ready until the broker is up: what was decided has not reached Kafka yet. */
    @Override
    public synchronized boolean ready() {
        return delegate != null && delegate.ready();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (delegate != null) {
            delegate.close();
        }
    }
}
