package io.vigil.sink.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.format.FindingJson;
import io.vigil.report.HistoryEvent;
import io.vigil.report.HistorySource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The events topic as a report's history: read_committed, from the beginning up to the end offsets taken at the
 * start, so a report counts what was committed when it began and never waits for new events.
 */
public final class EventHistoryReader implements HistorySource {
    private final String bootstrap;
    private final String topic;
    private final Map<String, String> properties;
    private final Duration timeout;

    /** @param properties Kafka client properties (security settings); the reader sets its own consumer keys */
    public EventHistoryReader(String bootstrap, String topic, Map<String, String> properties, Duration timeout) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.properties = Map.copyOf(properties);
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return topic;
    }

    @Override
    public void replay(Consumer<HistoryEvent> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(PartitionInfo::partition)
                    .map(p -> new TopicPartition(topic, p))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos() * 6;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new Unavailable(
                            "cannot read " + topic + ": the end offsets " + end + " were not reached in time", null);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    event(r.value()).ifPresent(each);
                }
            }
        } catch (KafkaException e) {
            throw new Unavailable("cannot read " + topic + ": " + e.getMessage(), e);
        }
    }

    private Properties consumerProperties() {
        Properties props = new Properties();
        props.putAll(properties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /**
     * The finding event a record value holds; empty for tombstones, config events and values that are not a
     * finding CloudEvent (another producer's records on the topic are not Vigil's history).
     */
    static Optional<HistoryEvent> event(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        JsonNode event;
        try {
            event = FindingJson.MAPPER.readTree(value);
        } catch (IOException e) {
            return Optional.empty();
        }
        String type = event.path("type").asText("");
        if (!type.startsWith(FindingRecords.TYPE_PREFIX)) {
            return Optional.empty();
        }
        Instant time;
        try {
            time = Instant.parse(event.path("time").asText());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        List<String> controls = new ArrayList<>();
        event.at("/data/compliance/requirements").forEach(c -> controls.add(c.asText()));
        return Optional.of(new HistoryEvent(type.substring(FindingRecords.TYPE_PREFIX.length()), time, controls));
    }
}
