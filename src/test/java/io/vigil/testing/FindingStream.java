package io.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.format.FindingJson;
import io.vigil.sink.kafka.EventIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a read_committed consumer sees of Vigil's two topics (DESIGN §7), and the guarantee checked on it:
 * every event id once, each finding's events in sequence order, open periods that open before they change
 * and close before they reopen.
 */
public final class FindingStream {
    public static final String EVENTS_TOPIC = "vigil.finding-events.v1";
    public static final String STATE_TOPIC = "vigil.findings.v1";
    private static final String PREFIX = "io.vigil.finding.";

    private FindingStream() {}

    /** One finding event as read from the events topic. */
    public record Event(String key, String id, String type, String subject, int partition, JsonNode json) {
        public EventIds.EventId parsedId() {
            return EventIds.parse(id);
        }

        /** {@code opened}, {@code changed}, ... {@code resolved}. */
        public String shortType() {
            return type.substring(PREFIX.length());
        }

        /** Short, so a failed assertion lists events readably (the JSON is kilobytes). */
        @Override
        public String toString() {
            return shortType() + " " + id + " (partition " + partition + ")";
        }
    }

    /** Every finding event committed on the events topic so far, in partition order. */
    public static List<Event> events(String bootstrap) {
        List<Event> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaReader.readAll(bootstrap, EVENTS_TOPIC)) {
            JsonNode json = json(r.value());
            String type = json.path("type").asText();
            if (type.startsWith(PREFIX)) {
                out.add(new Event(
                        new String(r.key(), StandardCharsets.UTF_8),
                        json.path("id").asText(),
                        type,
                        json.path("subject").asText(),
                        r.partition(),
                        json));
            }
        }
        return out;
    }

    public static List<String> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }

    /** The keys whose latest state-topic record has a value: the findings the topic says are open. */
    public static Set<String> openOnStateTopic(String bootstrap) {
        Map<String, ConsumerRecord<byte[], byte[]>> latest = new HashMap<>();
        KafkaReader.readAll(bootstrap, STATE_TOPIC)
                .forEach(r -> latest.put(new String(r.key(), StandardCharsets.UTF_8), r));
        Set<String> open = new TreeSet<>();
        latest.forEach((key, r) -> {
            if (r.value() != null) {
                open.add(key);
            }
        });
        return open;
    }

    /**
     * The guarantee of DESIGN §7 on what a read_committed consumer read: no id twice; per finding (one key, one
     * partition) an open period starts with OPENED at sequence 1, continues at sequence + 1 and ends with
     * RESOLVED, and a later period has a later opened-at. A replayed or re-derived event would break one of these.
     */
    public static void assertExactlyOnceInOrder(List<Event> events) {
        assertThat(ids(events)).as("event ids on %s", EVENTS_TOPIC).doesNotHaveDuplicates();
        Map<String, EventIds.EventId> last = new HashMap<>();
        Map<String, Boolean> open = new HashMap<>();
        Map<String, Integer> partition = new HashMap<>();
        for (Event e : events) {
            EventIds.EventId id = e.parsedId();
            assertThat(e.key())
                    .as("key of %s", e.id())
                    .isEqualTo(id.findingId())
                    .isEqualTo(e.subject());
            assertThat(partition.putIfAbsent(e.key(), e.partition()))
                    .as("partition of %s", e.key())
                    .isIn(null, e.partition());
            EventIds.EventId previous = last.put(e.key(), id);
            if (!open.getOrDefault(e.key(), false)) {
                assertThat(e.shortType())
                        .as("first event of an open period: %s", e.id())
                        .isEqualTo("opened");
                assertThat(id.sequence()).as("sequence of %s", e.id()).isEqualTo(1);
                if (previous != null) {
                    assertThat(id.openedAtMillis())
                            .as("a reopened finding opens later: %s after %s", e.id(), previous)
                            .isGreaterThan(previous.openedAtMillis());
                }
            } else {
                assertThat(e.shortType()).as("%s inside an open period", e.id()).isNotEqualTo("opened");
                assertThat(id.openedAtMillis())
                        .as("opened-at of %s after %s", e.id(), previous)
                        .isEqualTo(previous.openedAtMillis());
                assertThat(id.sequence())
                        .as("sequence of %s after %s", e.id(), previous)
                        .isEqualTo(previous.sequence() + 1);
            }
            open.put(e.key(), !e.shortType().equals("resolved"));
        }
    }

    private static JsonNode json(byte[] value) {
        try {
            return FindingJson.MAPPER.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
