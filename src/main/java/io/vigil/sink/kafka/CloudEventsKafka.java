package io.vigil.sink.kafka;

import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What every Vigil record shares: CloudEvents 1.0 in structured mode (the CloudEvents Jackson
 * {@link JsonFormat} writes the bytes), the {@code content-type} header, the source URI, and the
 * binary-mode header names a tombstone uses.
 */
public final class CloudEventsKafka {
    public static final String SPEC_VERSION = "1.0";
    /** Kafka header carrying the content type of a structured-mode value. */
    public static final String CONTENT_TYPE_HEADER = "content-type";
    /** {@code application/cloudevents+json}. */
    public static final String STRUCTURED_CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    public static final String DATA_CONTENT_TYPE = "application/json";
    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_ID = "ce_id";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_SUBJECT = "ce_subject";

    private static final JsonFormat FORMAT = new JsonFormat();

    private CloudEventsKafka() {}

    /** {@code /clusters/<cluster name>}, percent-encoded where a name needs it. */
    public static URI source(String clusterName) {
        Objects.requireNonNull(clusterName, "clusterName");
        if (clusterName.isBlank()) {
            throw new IllegalArgumentException("the cluster name must not be blank");
        }
        try {
            return new URI(null, null, "/clusters/" + clusterName, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cluster name not usable in a URI: " + clusterName, e);
        }
    }

    /** The structured-mode JSON of {@code event}, as the CloudEvents JSON format writes it. */
    public static byte[] structured(CloudEvent event) {
        return FORMAT.serialize(event);
    }

    /** A structured-mode CloudEvent back from its bytes (throws on anything that is not one). */
    public static CloudEvent parse(byte[] value) {
        return FORMAT.deserialize(value);
    }

    static OffsetDateTime utc(Instant time) {
        return time.atOffset(ZoneOffset.UTC);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static RecordHeaders structuredHeaders() {
        RecordHeaders h = new RecordHeaders();
        h.add(CONTENT_TYPE_HEADER, utf8(STRUCTURED_CONTENT_TYPE));
        return h;
    }
}
