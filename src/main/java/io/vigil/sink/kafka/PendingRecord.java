package io.vigil.sink.kafka;

import java.time.Instant;

/**
 * One event on its way to Kafka, in the form the outbox keeps: its fixed CloudEvent id and type, the key
 * (finding id), the event time (the records' timestamp, also after an outbox replay) and the structured
 * CloudEvent bytes. {@code receivedNanos} (when the watch event arrived) is not persisted: after a restart the
 * latency of a replayed event is unknown.
 */
public record PendingRecord(String eventId, String type, String key, Instant time, byte[] value, long receivedNanos) {
    public static final String RESOLVED_TYPE = "io.vigil.finding.resolved";

    public static final String CONFIG_CHANGED_TYPE = "io.vigil.config.changed";

    public boolean isResolved() {
        return RESOLVED_TYPE.equals(type);
    }

    /** Config changes go to the events topic only; they are not findings and have no state. */
    public boolean isConfigChange() {
        return CONFIG_CHANGED_TYPE.equals(type);
    }
}
