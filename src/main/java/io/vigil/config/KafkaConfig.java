package io.vigil.config;

import io.vigil.model.Masking;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Publishing to Kafka.
 *
 * @param properties client properties passed through verbatim; never the ones in {@link #OWNED_PROPERTIES}
 */
public record KafkaConfig(
        boolean enabled,
        List<String> bootstrapServers,
        String eventsTopic,
        String stateTopic,
        Duration eventsRetention,
        boolean createTopics,
        Duration flushInterval,
        int flushMaxEvents,
        int outboxMaxRecords,
        Map<String, String> properties) {
    /**
     * Properties the exactly-once guarantee (DESIGN §7) depends on: a user value would silently break it,
     * so setting one is an error that says why.
     */
    public static final Map<String, String> OWNED_PROPERTIES = Map.of(
            "bootstrap.servers", "set kafka.bootstrapServers instead",
            "transactional.id", "Vigil sets it to vigil-<cluster.name>",
            "enable.idempotence", "Vigil's transactional producer needs it on",
            "acks", "Vigil's transactional producer needs acks=all",
            "key.serializer", "Vigil writes the finding id as the key",
            "value.serializer", "Vigil writes CloudEvents bytes",
            "key.deserializer", "Vigil reads its own state topic",
            "value.deserializer", "Vigil reads its own state topic",
            "isolation.level", "Vigil reads its state topic read_committed");

    public KafkaConfig {
        bootstrapServers = List.copyOf(bootstrapServers);
        properties = Map.copyOf(properties);
    }

    /** Keys whose values are credentials or key material: shown masked. */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password")
                || k.contains("secret")
                || k.contains("jaas")
                || k.contains("token")
                || k.contains("key");
    }

    /** The properties as they may be shown: sorted, secret-looking values masked. */
    public Map<String, String> maskedProperties() {
        Map<String, String> out = new TreeMap<>();
        properties.forEach((k, v) -> out.put(k, isSecretKey(k) ? Masking.lengthOnly(v) : v));
        return out;
    }

    @Override
    public String toString() {
        return "KafkaConfig[enabled=" + enabled + ", bootstrapServers=" + bootstrapServers + ", eventsTopic="
                + eventsTopic + ", stateTopic=" + stateTopic + ", eventsRetention=" + Durations.format(eventsRetention)
                + ", createTopics=" + createTopics + ", flushInterval=" + Durations.format(flushInterval)
                + ", flushMaxEvents=" + flushMaxEvents + ", outboxMaxRecords=" + outboxMaxRecords + ", properties="
                + maskedProperties().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ", "{", "}"))
                + "]";
    }
}
