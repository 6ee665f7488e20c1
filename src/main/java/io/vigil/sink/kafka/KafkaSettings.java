package io.vigil.sink.kafka;

import io.vigil.config.KafkaConfig;
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

    /** The settings of {@code kafka.*} for the cluster named {@code cluster.name}. */
    public static KafkaSettings of(String cluster, KafkaConfig k) {
        return new KafkaSettings(
                cluster,
                k.bootstrapServers(),
                k.eventsTopic(),
                k.stateTopic(),
                k.eventsRetention(),
                k.createTopics(),
                k.flushInterval(),
                k.flushMaxEvents(),
                k.outboxMaxRecords(),
                k.properties());
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
