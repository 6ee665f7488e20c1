package io.vigil.sink.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the Kafka sink needs, taken from the validated configuration. */
public record KafkaSettings(
        String cluster,
        List<String> bootstrapServers,
        String eventsTopic,
        String stateTopic,
        Duration eventsRetention,
        boolean createTopics,
        Duration flushInterval,
        int flushMaxEvents,
        int outboxMaxRecords,
        Map<String, String> properties) {
    public KafkaSettings {
        bootstrapServers = List.copyOf(bootstrapServers);
        properties = Map.copyOf(properties);
    }

    public String transactionalId() {
        return "vigil-" + cluster;
    }

    public String source() {
        return "/clusters/" + cluster;
    }

    public String bootstrap() {
        return String.join(",", bootstrapServers);
    }
}
