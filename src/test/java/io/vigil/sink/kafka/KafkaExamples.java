package io.vigil.sink.kafka;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.vigil.format.FindingJson;
import io.vigil.model.ConfigChange;
import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.FindingId;
import io.vigil.model.FindingStatus;
import io.vigil.model.Masking;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import io.vigil.model.Suppression;
import io.vigil.model.TrackedFinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One fixed finding taken through its whole lifecycle on a deterministic clock, plus one configuration
 * change: the examples of {@code docs/kafka.md} and the fixtures of the Kafka format tests.
 */
final class KafkaExamples {
    /** The key of the examples\' masks: docs/kafka.md shows what a keyed installation publishes. */
    static final Masking MASKING =
            Masking.keyed("kafka-examples-mask-key".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    static final String CLUSTER = "prod-eu-1";
    static final String PRODUCT_VERSION = "0.1.0";
    static final String EVENTS_TOPIC = "vigil.finding-events.v1";
    static final String STATE_TOPIC = "vigil.findings.v1";
    /** The secret the example workload exposes; it must never appear in any record. */
    static final String SECRET = "Sup3r-S3cret-DB-Passw0rd!";

    static final String ROTATED_SECRET = "An0ther-Literal-Passw0rd#2";
    static final String EXCEPTION_ID = "exc-shop-db-password";

    static final Instant OPENED = Instant.parse("2026-11-22T10:00:00Z");
    static final Instant CHANGED = Instant.parse("2026-11-22T10:05:00.250Z");
    static final Instant SUPPRESSED = Instant.parse("2026-11-22T11:30:00Z");
    static final Instant EXPIRES = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant RESOLVED = Instant.parse("2026-12-01T09:15:00Z");
    static final Instant CONFIG_CHANGED = Instant.parse("2026-11-22T11:29:59Z");

    static final ResourceRef RESOURCE =
            new ResourceRef("apps/v1", "Deployment", "shop", "api", "5f0c6d2e-8a1b-4c3d-9e7f-0a1b2c3d4e5f");
    static final String PATH = "spec.template.spec.containers[name=api].env[name=DB_PASSWORD].value";
    static final String FINDING_ID = FindingId.of(CLUSTER, "secret-literal-env", RESOURCE, PATH);

    private KafkaExamples() {}

    static FindingRecords records() {
        return new FindingRecords(CLUSTER, PRODUCT_VERSION);
    }

    static Finding finding(String secret) {
        return new Finding(
                FINDING_ID,
                CLUSTER,
                "secret-literal-env",
                "secrets",
                Severity.HIGH,
                "Secret-looking literal in environment variable",
                "container api sets DB_PASSWORD to a literal that looks secret: its name suggests a credential",
                RESOURCE,
                PATH,
                MASKING.mask(secret),
                "no literal secret (valueFrom a Secret, mounted as a file)",
                List.of("CIS:5.4.1", "SOC2:CC6.1", "SOC2:CC6.7", "HIPAA:164.312(a)(2)(iv)", "NSA:network-separation"),
                "move the value into a Secret (and rotate it: it has been exposed), then mount the Secret as a file",
                null);
    }

    private static TrackedFinding tracked(String secret, Instant lastSeen, Suppression suppression) {
        return new TrackedFinding(
                finding(secret), new FindingStatus(OPENED, lastSeen, false, true, false, suppression));
    }

    /** opened, changed, suppressed, exception_expired, resolved: one open period, sequences 1 to 5. */
    static List<FindingEvent> lifecycle() {
        Suppression exception = new Suppression(EXCEPTION_ID, EXPIRES);
        return List.of(
                new FindingEvent.Opened(tracked(SECRET, OPENED, null), 1, OPENED, OPENED, "detected"),
                new FindingEvent.Changed(
                        tracked(ROTATED_SECRET, CHANGED, null), 2, OPENED, CHANGED, "evidence changed"),
                new FindingEvent.Suppressed(
                        tracked(ROTATED_SECRET, SUPPRESSED, exception),
                        3,
                        OPENED,
                        SUPPRESSED,
                        "exception " + EXCEPTION_ID + " applies"),
                new FindingEvent.ExceptionExpired(
                        tracked(ROTATED_SECRET, EXPIRES, null),
                        4,
                        OPENED,
                        EXPIRES,
                        "exception " + EXCEPTION_ID + " expired"),
                new FindingEvent.Resolved(tracked(ROTATED_SECRET, RESOLVED, null), 5, OPENED, RESOLVED, "fixed"));
    }

    static ConfigChange configChange() {
        return new ConfigChange(
                EnumSet.of(ConfigChange.Part.EXCEPTIONS),
                "6f1d0c3a9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392817063e2d",
                "a3c5e7f90b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f1a",
                CONFIG_CHANGED,
                List.of("exception " + EXCEPTION_ID + " added (check secret-literal-env, namespace shop, expires "
                        + EXPIRES + ")"));
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** JSON as the docs show it: two-space indent, {@code "name": value}, arrays on one line. */
    static String pretty(byte[] json) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
                        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return FindingJson.MAPPER.writer(printer).writeValueAsString(FindingJson.MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String headers(ProducerRecord<byte[], byte[]> record) {
        StringBuilder b = new StringBuilder();
        for (Header h : record.headers()) {
            b.append(h.key()).append(": ").append(utf8(h.value())).append('\n');
        }
        return b.toString();
    }

    /** The generated part of docs/kafka.md: one real record of each event type. */
    static String markdown() {
        FindingRecords records = records();
        StringBuilder b = new StringBuilder();
        b.append("The examples follow one finding (a literal password in a Deployment's environment, cluster `")
                .append(CLUSTER)
                .append("`) through one open period, sequences 1 to 5, then show a configuration ")
                .append("change. Values are pretty-printed here; on the wire each is one line of UTF-8 JSON. ")
                .append("Every record's Kafka timestamp is the event's `time`.\n");
        for (FindingEvent e : lifecycle()) {
            ProducerRecord<byte[], byte[]> events = records.eventsRecord(EVENTS_TOPIC, e);
            ProducerRecord<byte[], byte[]> state = records.stateRecord(STATE_TOPIC, e);
            b.append("\n### `").append(FindingRecords.type(e)).append("`\n\n");
            b.append("Key `")
                    .append(utf8(events.key()))
                    .append("`; headers:\n\n```\n")
                    .append(headers(events))
                    .append("```\n\n");
            if (state.value() == null) {
                b.append("State topic `")
                        .append(STATE_TOPIC)
                        .append("`: a tombstone (value `null`) with these ")
                        .append("headers and no `content-type`:\n\n```\n")
                        .append(headers(state))
                        .append("```\n\n");
                b.append("Events topic `").append(EVENTS_TOPIC).append("` value:\n\n");
            } else {
                b.append("Value (the same on `")
                        .append(EVENTS_TOPIC)
                        .append("` and `")
                        .append(STATE_TOPIC)
                        .append("`):\n\n");
            }
            b.append("```json\n").append(pretty(events.value())).append("\n```\n");
        }
        ConfigChangedRecords config = new ConfigChangedRecords(CLUSTER);
        ProducerRecord<byte[], byte[]> c = config.eventsRecord(EVENTS_TOPIC, configChange());
        b.append("\n### `").append(ConfigChangedRecords.TYPE).append("`\n\n");
        b.append("Events topic only. Key `")
                .append(utf8(c.key()))
                .append("`; headers:\n\n```\n")
                .append(headers(c))
                .append("```\n\nValue:\n\n```json\n")
                .append(pretty(c.value()))
                .append("\n```\n");
        return b.toString();
    }
}
