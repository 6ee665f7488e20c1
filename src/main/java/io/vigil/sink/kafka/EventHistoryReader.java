package io.vigil.sink.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.format.FindingJson;
import io.vigil.report.EventHistory;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the events topic (read_committed, up to the end offsets taken at the start) and tallies finding
 * events per control from {@code from} on: the history a compliance report shows for its period.
 */
public final class EventHistoryReader {
    private EventHistoryReader() {}

    public static EventHistory read(
            String bootstrap,
            String topic,
            Instant from,
            Instant to,
            Map<String, String> properties,
            Duration timeout) {
        Properties props = new Properties();
        props.putAll(properties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        EventHistory.Tally tally = new EventHistory.Tally();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
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
                    throw new org.apache.kafka.common.errors.TimeoutException(topic + " not read to " + end);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    count(r, from, tally);
                }
            }
        }
        return tally.build(topic, from, to);
    }

    private static void count(ConsumerRecord<byte[], byte[]> r, Instant from, EventHistory.Tally tally) {
        if (r.value() == null) {
            return;
        }
        JsonNode event;
        try {
            event = FindingJson.MAPPER.readTree(r.value());
        } catch (IOException e) {
            return;
        }
        String type = event.path("type").asText("");
        if (!type.startsWith(FindingRecords.TYPE_PREFIX)) {
            return;
        }
        Instant time;
        try {
            time = Instant.parse(event.path("time").asText());
        } catch (java.time.format.DateTimeParseException e) {
            return;
        }
        if (from != null && time.isBefore(from)) {
            return;
        }
        List<String> controls = new ArrayList<>();
        event.at("/data/compliance/requirements").forEach(c -> controls.add(c.asText()));
        tally.add(type.substring(FindingRecords.TYPE_PREFIX.length()), controls);
    }
}
