package io.vigil.sink.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The two records one finding event becomes (DESIGN §7): the structured CloudEvent on the events topic,
 * and on the compacted state topic the same value, or for RESOLVED a tombstone whose CloudEvent
 * attributes travel as binary-mode {@code ce_*} headers (structured mode cannot express a null value).
 */
final class RecordPair {
    static final String CONTENT_TYPE = "application/cloudevents+json";

    private RecordPair() {}

    static ProducerRecord<byte[], byte[]> events(String topic, PendingRecord r) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, bytes(r.key()), r.value(), headers);
    }

    static ProducerRecord<byte[], byte[]> state(String topic, String source, PendingRecord r) {
        if (!r.isResolved()) {
            return events(topic, r);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(r.eventId()));
        headers.add("ce_type", bytes(r.type()));
        headers.add("ce_source", bytes(source));
        headers.add("ce_subject", bytes(r.key()));
        return new ProducerRecord<>(topic, null, bytes(r.key()), null, headers);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
