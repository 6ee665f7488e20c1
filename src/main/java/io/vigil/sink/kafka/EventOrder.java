package io.vigil.sink.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Order of event ids {@code <finding id>:<opened-at ms>:<sequence>} for one finding: a later open period
 * wins, then a higher sequence. Used to skip events the state topic already holds.
 */
final class EventOrder {
    private EventOrder() {
    }

    static boolean isAfter(String candidate, String reference) {
        if (reference == null || reference.isEmpty()) {
            return true;
        }
        long[] a = parts(candidate);
        long[] b = parts(reference);
        return a[0] != b[0] ? a[0] > b[0] : a[1] > b[1];
    }

    private static long[] parts(String id) {
        int seq = id.lastIndexOf(':');
        int opened = id.lastIndexOf(':', seq - 1);
        return new long[] {Long.parseLong(id.substring(opened + 1, seq)), Long.parseLong(id.substring(seq + 1))};
    }

    /** The CloudEvent id of a state-topic record: the {@code ce_id} header of a tombstone, else the JSON id. */
    static String eventId(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            Header h = record.headers().lastHeader("ce_id");
            return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
        }
        try {
            return io.vigil.format.FindingJson.MAPPER.readTree(record.value()).path("id").asText("");
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
