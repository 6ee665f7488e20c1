package io.vigil.config;

import static io.vigil.config.Setting.*;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code kafka.*}: the sink's settings and the client properties passed through to it. */
final class KafkaBinding {
    private final Binder b;

    KafkaBinding(Binder b) {
        this.b = b;
    }

    KafkaConfig bind() {
        List<Binder.Item> given = b.items(KAFKA_BOOTSTRAP_SERVERS);
        List<String> servers = ConfigLoader.valid(b, KAFKA_BOOTSTRAP_SERVERS, given, Forms::hostPort);
        boolean serversGiven = !given.isEmpty();
        boolean enabled = b.isSet(KAFKA_ENABLED) ? b.bool(KAFKA_ENABLED) : serversGiven;
        if (enabled && !serversGiven) {
            b.problem(KAFKA_ENABLED, "Kafka is enabled but kafka.bootstrapServers is not set");
        }
        String events = b.typed(KAFKA_EVENTS_TOPIC, Forms::topic);
        String state = b.typed(KAFKA_STATE_TOPIC, Forms::topic);
        if (events.equals(state)) {
            b.problem(KAFKA_STATE_TOPIC, "must differ from kafka.eventsTopic (one is compacted, the other is not)");
        }
        return new KafkaConfig(
                enabled,
                servers,
                events,
                state,
                b.duration(KAFKA_EVENTS_RETENTION, Duration.ofMinutes(1), Duration.ofDays(3650)),
                b.bool(KAFKA_CREATE_TOPICS),
                b.duration(KAFKA_FLUSH_INTERVAL, Duration.ofMillis(1), Duration.ofSeconds(1)),
                b.integer(KAFKA_FLUSH_MAX_EVENTS, 1, 100_000),
                b.integer(KAFKA_OUTBOX_MAX_RECORDS, 1, 10_000_000),
                properties());
    }

    /** Values are never quoted in problems: any of them may be a credential. */
    private Map<String, String> properties() {
        Map<String, String> out = new LinkedHashMap<>();
        b.entries(KAFKA_PROPERTIES).forEach((name, value) -> {
            String owned = KafkaConfig.OWNED_PROPERTIES.get(name);
            try {
                Forms.propertyName(name);
            } catch (IllegalArgumentException e) {
                b.problem(value.origin(), KAFKA_PROPERTIES, e.getMessage());
                return;
            }
            if (owned != null) {
                b.problem(value.origin(), KAFKA_PROPERTIES, name + " cannot be set: " + owned);
            } else if (value.node().isNull()) {
                b.problem(value.origin(), KAFKA_PROPERTIES, name + ": has no value");
            } else if (!value.node().isValueNode()) {
                b.problem(value.origin(), KAFKA_PROPERTIES, name + ": expected a single value");
            } else {
                out.put(name, value.node().asText());
            }
        });
        return out;
    }
}
