package io.vigil.sink.kafka;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import io.vigil.format.FindingJson;
import io.vigil.model.ConfigChange;
import java.net.URI;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The {@code io.vigil.config.changed} event of DESIGN §6: a change of the baseline or the exceptions,
 * written to the events topic only (never to the state topic). Key {@code config/<cluster name>}, id
 * {@code config:<digest after>} (so the same configuration never yields two ids), {@code data} Vigil's own
 * JSON described by {@link #DATA_SCHEMA} ({@code docs/schemas/config-changed.v1.json}).
 */
public final class ConfigChangedRecords {
    public static final String TYPE = "io.vigil.config.changed";
    public static final String SUBJECT = "config";
    /** The JSON Schema of {@code data}; its text is {@code docs/schemas/config-changed.v1.json}. */
    public static final URI DATA_SCHEMA = URI.create("https://vigil.io/schemas/config-changed/v1.json");

    private final String clusterName;
    private final URI source;

    public ConfigChangedRecords(String clusterName) {
        this.source = CloudEventsKafka.source(clusterName);
        this.clusterName = clusterName;
    }

    public String key() {
        return "config/" + clusterName;
    }

    public static String id(ConfigChange change) {
        return "config:" + change.digestAfter();
    }

    /** {@code {cluster, changed, digestBefore, digestAfter, time, details}}. */
    public ObjectNode data(ConfigChange change) {
        ObjectNode o = FindingJson.MAPPER.createObjectNode();
        o.put("cluster", clusterName);
        ArrayNode changed = o.putArray("changed");
        change.changed().forEach(p -> changed.add(p.label()));
        o.put("digestBefore", change.digestBefore());
        o.put("digestAfter", change.digestAfter());
        o.put("time", change.time().toString());
        ArrayNode details = o.putArray("details");
        change.details().forEach(details::add);
        return o;
    }

    public CloudEvent cloudEvent(ConfigChange change) {
        Objects.requireNonNull(change, "change");
        return CloudEventBuilder.v1()
                .withId(id(change))
                .withSource(source)
                .withType(TYPE)
                .withSubject(SUBJECT)
                .withTime(CloudEventsKafka.utc(change.time()))
                .withDataContentType(CloudEventsKafka.DATA_CONTENT_TYPE)
                .withDataSchema(DATA_SCHEMA)
                .withData(JsonCloudEventData.wrap(data(change)))
                .build();
    }

    public byte[] value(ConfigChange change) {
        return CloudEventsKafka.structured(cloudEvent(change));
    }

    /** The change as the outbox keeps it and {@link KafkaSink} sends it (events topic only). */
    public PendingRecord pending(ConfigChange change) {
        return new PendingRecord(id(change), TYPE, key(), change.time(), value(change), 0);
    }

    /** The events-topic record; there is no state-topic record for a configuration change. */
    public ProducerRecord<byte[], byte[]> eventsRecord(String topic, ConfigChange change) {
        return FindingRecords.eventsRecord(topic, pending(change));
    }
}
