package io.vigil.sink.kafka;

import static io.vigil.sink.kafka.CloudEventsKafka.CE_ID;
import static io.vigil.sink.kafka.CloudEventsKafka.CE_SPECVERSION;
import static io.vigil.sink.kafka.CloudEventsKafka.CE_SUBJECT;
import static io.vigil.sink.kafka.CloudEventsKafka.CE_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.jackson.JsonCloudEventData;
import io.vigil.format.FindingJson;
import io.vigil.model.TrackedFinding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads state-topic records back for restart recovery (DESIGN §7): each record becomes a {@link LastState}
 * or, when it is not what {@link FindingRecords} writes, a {@link Malformed} result naming the key and the
 * reason. Never throws for bad input, so one odd record cannot stop recovery.
 */
public final class StateRecords {
    static final Set<String> TYPES = Set.of("opened", "changed", "suppressed", "exception_expired", "resolved");

    private StateRecords() {}

    /** The outcome of reading one record. */
    public sealed interface Result permits LastState, Malformed {}

    /**
     * A record that is not a Vigil finding state.
     *
     * @param key    the record key as text (or {@code <null>})
     * @param reason what is wrong, readable in a log line
     */
    public record Malformed(String key, String reason) implements Result {
        @Override
        public String toString() {
            return "malformed state record (key " + key + "): " + reason;
        }
    }

    public static Result read(ConsumerRecord<byte[], byte[]> record) {
        return read(record.key(), record.value(), record.headers());
    }

    public static Result read(byte[] key, byte[] value, Headers headers) {
        String findingId = key == null ? null : new String(key, StandardCharsets.UTF_8);
        try {
            if (findingId == null || findingId.isEmpty()) {
                throw new IllegalArgumentException("the record has no key");
            }
            return value == null ? tombstone(findingId, headers) : event(findingId, value);
        } catch (RuntimeException e) {
            return new Malformed(findingId == null ? "<null>" : findingId, reason(e));
        }
    }

    private static LastState tombstone(String findingId, Headers headers) {
        String specVersion = header(headers, CE_SPECVERSION);
        if (!CloudEventsKafka.SPEC_VERSION.equals(specVersion)) {
            throw new IllegalArgumentException("tombstone header " + CE_SPECVERSION + " is " + specVersion
                    + ", expected " + CloudEventsKafka.SPEC_VERSION);
        }
        String type = shortType(header(headers, CE_TYPE));
        if (!"resolved".equals(type)) {
            throw new IllegalArgumentException("a tombstone must be a resolved event, not " + type);
        }
        checkSubject(findingId, header(headers, CE_SUBJECT));
        return lastState(findingId, header(headers, CE_ID), type, null);
    }

    private static LastState event(String findingId, byte[] value) {
        CloudEvent event;
        try {
            event = CloudEventsKafka.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the value is not a structured CloudEvent: " + reason(e), e);
        }
        String type = shortType(event.getType());
        checkSubject(findingId, event.getSubject());
        JsonNode data = data(event.getData());
        JsonNode vigil = data.path("unmapped").path("vigil");
        if (vigil.isMissingNode()) {
            throw new IllegalArgumentException("data.unmapped.vigil is missing");
        }
        TrackedFinding tracked = FindingJson.parse(vigil);
        if (!findingId.equals(tracked.finding().id())) {
            throw new IllegalArgumentException(
                    "data.unmapped.vigil.id " + tracked.finding().id() + " differs from the key");
        }
        LastState state = lastState(findingId, event.getId(), type, tracked);
        JsonNode sequence = data.path("unmapped").path("event").path("sequence");
        if (sequence.isIntegralNumber() && sequence.longValue() != state.sequence()) {
            throw new IllegalArgumentException("data.unmapped.event.sequence " + sequence.longValue()
                    + " differs from the event id " + state.eventId());
        }
        return state;
    }

    private static LastState lastState(String findingId, String eventId, String type, TrackedFinding tracked) {
        EventIds.EventId id = EventIds.parse(eventId);
        if (!id.findingId().equals(findingId)) {
            throw new IllegalArgumentException("event id " + eventId + " names another finding than the key");
        }
        return new LastState(findingId, eventId, id.openedAtMillis(), id.sequence(), type, tracked);
    }

    private static JsonNode data(CloudEventData data) {
        if (data == null) {
            throw new IllegalArgumentException("the event has no data");
        }
        JsonNode node;
        if (data instanceof JsonCloudEventData json) {
            node = json.getNode();
        } else {
            try {
                node = FindingJson.MAPPER.readTree(data.toBytes());
            } catch (IOException e) {
                throw new IllegalArgumentException("data is not JSON: " + reason(e), e);
            }
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("data is not a JSON object");
        }
        return node;
    }

    private static String shortType(String type) {
        if (type == null
                || !type.startsWith(FindingRecords.TYPE_PREFIX)
                || !TYPES.contains(type.substring(FindingRecords.TYPE_PREFIX.length()))) {
            throw new IllegalArgumentException("not a finding event type: " + type);
        }
        return type.substring(FindingRecords.TYPE_PREFIX.length());
    }

    private static void checkSubject(String findingId, String subject) {
        if (!Objects.equals(findingId, subject)) {
            throw new IllegalArgumentException("subject " + subject + " differs from the key");
        }
    }

    private static String header(Headers headers, String name) {
        Header h = headers == null ? null : headers.lastHeader(name);
        if (h == null || h.value() == null) {
            throw new IllegalArgumentException("tombstone without header " + name);
        }
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
