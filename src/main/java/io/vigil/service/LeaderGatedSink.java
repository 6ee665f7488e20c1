package io.vigil.service;

import io.vigil.model.FindingEvent;
import io.vigil.sink.kafka.KafkaSink;
import io.vigil.sink.kafka.PendingRecord;
import java.util.List;

/**
 * The Kafka sink of a replica under leader election. A follower has no producer (so it never fences the
 * leader) and drops its events: the leader publishes them, and a follower that wins resumes from the state
 * topic. {@link #open} and {@link #shut} come from the elector's thread; {@link #publish} reads the
 * delegate once per batch on the event loop.
 */
final class LeaderGatedSink implements io.vigil.pipeline.FindingSink {
    private volatile KafkaSink delegate;
    private volatile boolean shut;

    /** Starts publishing to {@code sink}, which resumed from the state topic; ignored once shut. */
    synchronized void open(KafkaSink sink) {
        if (shut) {
            sink.close();
            return;
        }
        delegate = sink;
    }

    /** Stops publishing now and hands back the sink that was open (null when following). */
    synchronized KafkaSink shut() {
        shut = true;
        KafkaSink previous = delegate;
        delegate = null;
        return previous;
    }

    boolean leading() {
        return delegate != null;
    }

    @Override
    public void publish(List<FindingEvent> events, long receivedNanos) {
        KafkaSink sink = delegate;
        if (sink != null) {
            sink.publish(events, receivedNanos);
        }
    }

    /** {@code io.vigil.config.changed}: only the leader announces it. */
    void publishConfigChange(PendingRecord record) {
        KafkaSink sink = delegate;
        if (sink != null) {
            sink.publishConfigChange(record);
        }
    }

    @Override
    public boolean acknowledges() {
        return true;
    }

    @Override
    public boolean accepting() {
        KafkaSink sink = delegate;
        return sink == null || sink.accepting();
    }

    @Override
    public boolean ready() {
        KafkaSink sink = delegate;
        return sink == null || sink.ready();
    }

    @Override
    public void close() {
        KafkaSink sink = shut();
        if (sink != null) {
            sink.close();
        }
    }
}
