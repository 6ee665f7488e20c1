package io.vigil.sink.kafka;

import static io.vigil.sink.kafka.KafkaExamples.FINDING_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.checks.BuiltInChecks;
import io.vigil.config.ConfigLoader;
import io.vigil.config.Setting;
import io.vigil.metrics.VigilMetrics;
import io.vigil.model.ConfigChange;
import io.vigil.model.FindingEvent;
import io.vigil.testing.KafkaForTests;
import io.vigil.testing.KafkaReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §7 through the production path: the records {@link KafkaSink} writes carry the event time as their
 * timestamp and the documented headers, for every event type and a config change, both for events a
 * previous run left in the outbox (replayed after the restart) and for events published live.
 */
class KafkaRecordsIT {
    private static final String EVENTS = "it.records.events";
    private static final String STATE = "it.records.state";

    @TempDir
    Path dataDir;

    @Test
    void everyRecordCarriesItsEventTimeAndHeadersAlsoAfterAnOutboxReplay() throws Exception {
        FindingRecords records = KafkaExamples.records();
        ConfigChangedRecords config = new ConfigChangedRecords(KafkaExamples.CLUSTER);
        List<FindingEvent> lifecycle = KafkaExamples.lifecycle();
        ConfigChange change = KafkaExamples.configChange();
        List<FindingEvent> fromEarlierRun = lifecycle.subList(0, 2);
        List<FindingEvent> live = lifecycle.subList(2, lifecycle.size());
        try (Outbox earlierRun = new Outbox(dataDir.resolve("outbox"), 100)) {
            List<PendingRecord> waiting = new ArrayList<>();
            fromEarlierRun.forEach(e -> waiting.add(records.pending(e, 0)));
            waiting.add(config.pending(change));
            earlierRun.append(waiting);
        }

        try (KafkaForTests kafka = KafkaForTests.embedded()) {
            // kafka.* as vigil watch validates it
            KafkaSettings settings = KafkaSettings.of(
                    KafkaExamples.CLUSTER,
                    new ConfigLoader(BuiltInChecks.catalog().ids())
                            .load(
                                    Map.of(
                                            Setting.KAFKA_BOOTSTRAP_SERVERS,
                                            kafka.bootstrapServers(),
                                            Setting.KAFKA_EVENTS_TOPIC,
                                            EVENTS,
                                            Setting.KAFKA_STATE_TOPIC,
                                            STATE,
                                            Setting.KAFKA_EVENTS_RETENTION,
                                            "7d",
                                            Setting.KAFKA_OUTBOX_MAX_RECORDS,
                                            "1000"),
                                    "unused")
                            .kafka());
            KafkaSink sink = new KafkaSink(
                    settings,
                    records,
                    new VigilMetrics("it"),
                    dataDir,
                    KafkaBootstrap.connect(settings, Duration.ofSeconds(30)));
            sink.start();
            sink.publish(live, System.nanoTime());
            Map<String, Instant> expectedTimes = new LinkedHashMap<>();
            lifecycle.forEach(e -> expectedTimes.put(e.id(), e.time()));
            expectedTimes.put(ConfigChangedRecords.id(change), change.time());

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> KafkaReader.readAll(kafka.bootstrapServers(), EVENTS)
                                    .size()
                            == expectedTimes.size());
            sink.close();

            List<ConsumerRecord<byte[], byte[]>> events = KafkaReader.readAll(kafka.bootstrapServers(), EVENTS);
            assertThat(events)
                    .as("the config change has its own key, so its partition may differ")
                    .extracting(KafkaRecordsIT::eventId)
                    .containsExactlyInAnyOrderElementsOf(expectedTimes.keySet());
            for (ConsumerRecord<byte[], byte[]> r : events) {
                assertThat(r.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
                assertThat(Instant.ofEpochMilli(r.timestamp()))
                        .as("timestamp of %s", eventId(r))
                        .isEqualTo(expectedTimes.get(eventId(r)));
                assertThat(headers(r)).containsExactly(Map.entry("content-type", "application/cloudevents+json"));
            }

            // The state topic is compacted: the log cleaner may already have dropped records that a later one of
            // the same key supersedes. What remains is the end of the lifecycle, in order, tombstone last.
            List<ConsumerRecord<byte[], byte[]>> state = KafkaReader.readAll(kafka.bootstrapServers(), STATE);
            assertThat(state).isNotEmpty().hasSizeLessThanOrEqualTo(lifecycle.size());
            List<FindingEvent> kept = lifecycle.subList(lifecycle.size() - state.size(), lifecycle.size());
            for (int i = 0; i < state.size(); i++) {
                FindingEvent e = kept.get(i);
                ConsumerRecord<byte[], byte[]> r = state.get(i);
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(FINDING_ID);
                assertThat(Instant.ofEpochMilli(r.timestamp()))
                        .as("state timestamp of %s", e.id())
                        .isEqualTo(e.time());
                if (e instanceof FindingEvent.Resolved) {
                    assertThat(r.value()).as("a tombstone").isNull();
                    assertThat(headers(r))
                            .containsExactly(
                                    Map.entry("ce_specversion", "1.0"),
                                    Map.entry("ce_id", e.id()),
                                    Map.entry("ce_type", "io.vigil.finding.resolved"),
                                    Map.entry("ce_source", "/clusters/" + KafkaExamples.CLUSTER),
                                    Map.entry("ce_subject", FINDING_ID));
                } else {
                    assertThat(eventId(r)).isEqualTo(e.id());
                    assertThat(headers(r)).containsExactly(Map.entry("content-type", "application/cloudevents+json"));
                }
            }
        }
    }

    private static String eventId(ConsumerRecord<byte[], byte[]> r) {
        return CloudEventsKafka.parse(r.value()).getId();
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
