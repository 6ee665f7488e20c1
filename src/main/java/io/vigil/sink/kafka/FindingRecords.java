package io.vigil.sink.kafka;

import static io.vigil.sink.kafka.CloudEventsKafka.utf8;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import io.vigil.format.Ocsf;
import io.vigil.model.FindingEvent;
import java.net.URI;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Maps one {@link FindingEvent} to its Kafka records (DESIGN §7, {@code docs/kafka.md}).
 * <ul>
 *   <li>value: a CloudEvents 1.0 structured-mode JSON event ({@code content-type: application/cloudevents+json})
 *       whose {@code data} is the OCSF Compliance Finding of {@link Ocsf#complianceFinding(FindingEvent, String)};</li>
 *   <li>key: the finding id (UTF-8), so a partition keeps each finding's events in sequence order;</li>
 *   <li>timestamp: the event's time;</li>
 *   <li>state topic: the same value, except RESOLVED, which is a tombstone (null value) carrying the
 *       binary-mode headers {@code ce_specversion, ce_id, ce_type, ce_source, ce_subject} and no content-type.</li>
 * </ul>
 * Thread-safe and stateless apart from its two settings.
 */
public final class FindingRecords {
    public static final String TYPE_PREFIX = "io.vigil.finding.";
    public static final URI DATA_SCHEMA = URI.create(Ocsf.CLASS_SCHEMA_URI);

    private final URI source;
    private final String productVersion;

    public FindingRecords(String clusterName, String productVersion) {
        this.source = CloudEventsKafka.source(clusterName);
        this.productVersion = Objects.requireNonNull(productVersion, "productVersion");
    }

    /** The two records of one event, sharing one serialized value. */
    public record Pair(ProducerRecord<byte[], byte[]> events, ProducerRecord<byte[], byte[]> state) {}

    /** {@code io.vigil.finding.<opened|changed|suppressed|exception_expired|resolved>}. */
    public static String type(FindingEvent event) {
        return TYPE_PREFIX + event.type();
    }

    public URI source() {
        return source;
    }

    public CloudEvent cloudEvent(FindingEvent event) {
        return CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(source)
                .withType(type(event))
                .withSubject(event.finding().id())
                .withTime(CloudEventsKafka.utc(event.time()))
                .withDataContentType(CloudEventsKafka.DATA_CONTENT_TYPE)
                .withDataSchema(DATA_SCHEMA)
                .withData(JsonCloudEventData.wrap(Ocsf.complianceFinding(event, productVersion)))
                .build();
    }

    /** The structured-mode bytes of the event. */
    public byte[] value(FindingEvent event) {
        return CloudEventsKafka.structured(cloudEvent(event));
    }

    /** The record for the append-only events topic: every event type carries a value. */
    public ProducerRecord<byte[], byte[]> eventsRecord(String topic, FindingEvent event) {
        return valueRecord(topic, event, value(event));
    }

    /** The record for the compacted state topic: the event's value, or a tombstone for RESOLVED. */
    public ProducerRecord<byte[], byte[]> stateRecord(String topic, FindingEvent event) {
        return event instanceof FindingEvent.Resolved ? tombstone(topic, event) : eventsRecord(topic, event);
    }

    /** Both records, serializing the value once. */
    public Pair records(String eventsTopic, String stateTopic, FindingEvent event) {
        byte[] value = value(event);
        ProducerRecord<byte[], byte[]> state = event instanceof FindingEvent.Resolved
                ? tombstone(stateTopic, event)
                : valueRecord(stateTopic, event, value);
        return new Pair(valueRecord(eventsTopic, event, value), state);
    }

    private ProducerRecord<byte[], byte[]> valueRecord(String topic, FindingEvent event, byte[] value) {
        return new ProducerRecord<>(
                topic,
                null,
                event.time().toEpochMilli(),
                utf8(event.finding().id()),
                value,
                CloudEventsKafka.structuredHeaders());
    }

    private ProducerRecord<byte[], byte[]> tombstone(String topic, FindingEvent event) {
        RecordHeaders h = new RecordHeaders();
        h.add(CloudEventsKafka.CE_SPECVERSION, utf8(CloudEventsKafka.SPEC_VERSION));
        h.add(CloudEventsKafka.CE_ID, utf8(event.id()));
        h.add(CloudEventsKafka.CE_TYPE, utf8(type(event)));
        h.add(CloudEventsKafka.CE_SOURCE, utf8(source.toString()));
        h.add(CloudEventsKafka.CE_SUBJECT, utf8(event.finding().id()));
        return new ProducerRecord<>(
                topic, null, event.time().toEpochMilli(), utf8(event.finding().id()), null, h);
    }
}
