package io.vigil.sink.kafka;

import java.time.Duration;
import java.util.HashMap;
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
 * Reads the compacted state topic (read_committed) from given offsets up to the end offsets taken when
 * the read starts, keeping the latest record per key: after a restart, what Vigil last published for
 * every finding; after a failed commit, what actually made it.
 */
final class StateTopicReader {
    private StateTopicReader() {}

    /** The result: latest record per key, and the end offsets the read stopped at. */
    public record Snapshot(Map<String, ConsumerRecord<byte[], byte[]>> latest, Map<TopicPartition, Long> endOffsets) {}

    static Snapshot read(KafkaSettings settings, Map<TopicPartition, Long> from, Duration timeout) {
        Properties props = new Properties();
        props.putAll(settings.properties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, ConsumerRecord<byte[], byte[]>> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(settings.stateTopic(), timeout).stream()
                    .map(PartitionInfo::partition)
                    .map(p -> new TopicPartition(settings.stateTopic(), p))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            for (TopicPartition tp : partitions) {
                Long start = from.get(tp);
                if (start == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, start);
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos() * 4;
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new org.apache.kafka.common.errors.TimeoutException("state topic " + settings.stateTopic()
                            + " not read to its end offsets " + end + " in time");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null) {
                        latest.put(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8), r);
                    }
                }
            }
            return new Snapshot(latest, end);
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
