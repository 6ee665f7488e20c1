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
 * Maps one {@link FindingEvent} to its Kafka records (DESIGN §7, {@code docs/kafka.md}): the one record builder,
 * used by {@link KafkaSink} for live events and outbox replays alike (both go through {@link PendingRecord}).
 * <ul>
 *   <li>value: a CloudEvents 1.0 structured-mode JSON event ({@code content-type: application/cloudevents+json})
 *       whose {@code data} is the OCSF Compliance Finding of {@link Ocsf#complianceFinding(FindingEvent, String)};</li>
 *   <li>key: the finding id (UTF-8), so a partition keeps each finding's events in sequence order;</li>
 *   <li>timestamp: the event's time (not the send time: a SIEM that orders or windows by record time stays
 *       right after an outbox replay); config changes too;</li>
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

    /** The event as the outbox keeps it and {@link KafkaSink} sends it. */
    public PendingRecord pending(FindingEvent event, long receivedNanos) {
        return new PendingRecord(
                event.id(), type(event), event.finding().id(), event.time(), value(event), receivedNanos);
    }

    /** The structured-mode bytes of the event. */
    public byte[] value(FindingEvent event) {
        return CloudEventsKafka.structured(cloudEvent(event));
    }

    /** The record for the append-only events topic: every event type carries a value. */
    public ProducerRecord<byte[], byte[]> eventsRecord(String topic, FindingEvent event) {
        return eventsRecord(topic, pending(event, 0));
    }

    /** The record for the compacted state topic: the event's value, or a tombstone for RESOLVED. */
    public ProducerRecord<byte[], byte[]> stateRecord(String topic, FindingEvent event) {
        return stateRecord(topic, source.toString(), pending(event, 0));
    }

    /** Both records, serializing the value once. */
    public Pair records(String eventsTopic, String stateTopic, FindingEvent event) {
        PendingRecord r = pending(event, 0);
        return new Pair(eventsRecord(eventsTopic, r), stateRecord(stateTopic, source.toString(), r));
    }

    /** The events-topic record of a pending event (a finding event or a config change). */
    static ProducerRecord<byte[], byte[]> eventsRecord(String topic, PendingRecord r) {
        return new ProducerRecord<>(
                topic, null, timestamp(r), utf8(r.key()), r.value(), CloudEventsKafka.structuredHeaders());
    }

    /**
     * The state-topic record of a pending finding event: the same value, or for RESOLVED a tombstone whose
     * CloudEvent attributes travel as binary-mode {@code ce_*} headers (structured mode cannot express a null
     * value).
     */
    static ProducerRecord<byte[], byte[]> stateRecord(String topic, String source, PendingRecord r) {
        if (!r.isResolved()) {
            return eventsRecord(topic, r);
        }
        RecordHeaders h = new RecordHeaders();
        h.add(CloudEventsKafka.CE_SPECVERSION, utf8(CloudEventsKafka.SPEC_VERSION));
        h.add(CloudEventsKafka.CE_ID, utf8(r.eventId()));
        h.add(CloudEventsKafka.CE_TYPE, utf8(r.type()));
        h.add(CloudEventsKafka.CE_SOURCE, utf8(source));
        h.add(CloudEventsKafka.CE_SUBJECT, utf8(r.key()));
        return new ProducerRecord<>(topic, null, timestamp(r), utf8(r.key()), null, h);
    }

    /** Event time; null (the producer's clock) only for an outbox line whose time cannot be read. */
    private static Long timestamp(PendingRecord r) {
        return r.time() == null ? null : r.time().toEpochMilli();
    }
}
