package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.cli.VigilCommand;
import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.FindingStatus;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import io.vigil.model.TrackedFinding;
import io.vigil.sink.kafka.FindingRecords;
import io.vigil.testing.KafkaForTests;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil report --kafka-bootstrap}: the period's history per control, read from the events topic. */
class ReportHistoryIT {
    private static final String TOPIC = "vigil.finding-events.v1";
    private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private static Run vigil(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = VigilCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void theReportCountsThePeriodsEventsPerControl() throws Exception {
        try (KafkaForTests kafka = KafkaForTests.start()) {
            String bootstrap = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
                        .all()
                        .get();
            }
            Finding privileged = new Finding(
                    "a".repeat(64),
                    "default",
                    "privileged-container",
                    "pod-security",
                    Severity.CRITICAL,
                    "Privileged container",
                    "container api runs privileged",
                    new ResourceRef("v1", "Pod", "shop", "api", null),
                    "spec.containers[name=api].securityContext" + ".privileged",
                    "true",
                    "false or unset",
                    List.of("CIS:5.2.2", "PSS:baseline", "SOC2:CC6.8", "SOC2:CC7.1"),
                    "set privileged to false",
                    null);
            TrackedFinding tracked = new TrackedFinding(privileged, FindingStatus.seenAt(T));
            FindingRecords records = new FindingRecords("default", "test");
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
                producer.send(records.eventsRecord(TOPIC, new FindingEvent.Opened(tracked, 1, T, T, "detected")));
                producer.send(records.eventsRecord(
                                TOPIC, new FindingEvent.Resolved(tracked, 2, T, T.plusSeconds(60), "fixed")))
                        .get();
            }

            Run all = vigil("report", "--framework", "soc2", "--kafka-bootstrap", bootstrap, "docs/examples/task-api");
            assertThat(all.exit()).as(all.err()).isZero();
            assertThat(all.out())
                    .contains("## History from the events topic")
                    .contains("2 finding events on " + TOPIC + " from the start of the topic's retention")
                    .contains("| CC6.8 | 1 | 0 | 0 | 0 | 1 |")
                    .contains("| CC7.1 | 1 | 0 | 0 | 0 | 1 |")
                    .doesNotContain("| 5.2.2 |");

            Path baseline = dir.resolve("baseline.yaml");
            assertThat(vigil("baseline", "capture", "docs/examples/task-api", "-o", baseline.toString())
                            .exit())
                    .isZero();
            Run since = vigil(
                    "report",
                    "--framework",
                    "soc2",
                    "--baseline",
                    baseline.toString(),
                    "--kafka-bootstrap",
                    bootstrap,
                    "docs/examples/task-api");
            assertThat(since.exit()).as(since.err()).isZero();
            assertThat(since.out())
                    .contains("0 finding events on " + TOPIC + " since ")
                    .contains("No SOC 2 control saw an event in this period.");
        }
    }
}
