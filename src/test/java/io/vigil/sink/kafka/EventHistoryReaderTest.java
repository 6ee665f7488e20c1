package io.vigil.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.FindingEvent;
import io.vigil.report.HistoryEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records of the events topic as a report's history events: the format FindingRecords writes, read back. */
class EventHistoryReaderTest {
    @Test
    void everyLifecycleRecordIsItsTypeEventTimeAndControls() {
        FindingRecords records = KafkaExamples.records();
        List<FindingEvent> lifecycle = KafkaExamples.lifecycle();

        List<HistoryEvent> read = lifecycle.stream()
                .map(e -> EventHistoryReader.event(records.value(e)).orElseThrow())
                .toList();

        List<String> controls = KafkaExamples.finding(KafkaExamples.SECRET).controls();
        assertThat(read)
                .containsExactly(
                        new HistoryEvent("opened", KafkaExamples.OPENED, controls),
                        new HistoryEvent("changed", KafkaExamples.CHANGED, controls),
                        new HistoryEvent("suppressed", KafkaExamples.SUPPRESSED, controls),
                        new HistoryEvent("exception_expired", KafkaExamples.EXPIRES, controls),
                        new HistoryEvent("resolved", KafkaExamples.RESOLVED, controls));
    }

    @Test
    void configEventsTombstonesAndForeignValuesAreNoHistory() {
        byte[] config = new ConfigChangedRecords(KafkaExamples.CLUSTER)
                .pending(KafkaExamples.configChange())
                .value();

        assertThat(EventHistoryReader.event(config)).isEmpty();
        assertThat(EventHistoryReader.event(null)).isEmpty();
        assertThat(EventHistoryReader.event("not json".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(EventHistoryReader.event("{\"type\":\"io.vigil.finding.opened\",\"time\":\"yesterday\"}"
                        .getBytes(StandardCharsets.UTF_8)))
                .as("a finding event without a readable time cannot be placed in a period")
                .isEmpty();
    }
}
