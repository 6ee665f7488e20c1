package io.vigil.sink.kafka;

import static io.vigil.sink.kafka.KafkaExamples.FINDING_ID;
import static io.vigil.sink.kafka.KafkaExamples.STATE_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.FindingEvent;
import io.vigil.pipeline.FindingLedger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** DESIGN §7 restart: the ledger resumes from the later of the state topic and the outbox, per finding. */
class KafkaResumeTest {
    private final FindingRecords records = KafkaExamples.records();
    private final List<FindingEvent> lifecycle = KafkaExamples.lifecycle();
    private final FindingEvent opened = lifecycle.get(0);
    private final FindingEvent changed = lifecycle.get(1);
    private final FindingEvent suppressed = lifecycle.get(2);
    private final FindingEvent resolved = lifecycle.get(lifecycle.size() - 1);

    @Test
    void outboxEventsWhoseIdTheStateTopicAlreadyHoldsAreSkipped() {
        KafkaResume.Plan plan = KafkaResume.plan(
                List.of(consumed(changed)), List.of(records.pending(opened, 0), records.pending(changed, 0)));

        assertThat(plan.fromOutbox()).isZero();
        assertThat(plan.last()).containsOnlyKeys(FINDING_ID);
        assertThat(plan.last().get(FINDING_ID).eventId()).isEqualTo(changed.id());
    }

    @Test
    void anOutboxEventLaterThanTheStateTopicIsResumedFrom() {
        KafkaResume.Plan plan = KafkaResume.plan(List.of(consumed(changed)), List.of(records.pending(suppressed, 0)));

        assertThat(plan.fromOutbox()).isEqualTo(1);
        assertThat(plan.last().get(FINDING_ID).eventId()).isEqualTo(suppressed.id());
        assertThat(plan.last().get(FINDING_ID).eventType()).isEqualTo("suppressed");
    }

    @Test
    void configChangesInTheOutboxAreNotFindings() {
        ConfigChangedRecords config = new ConfigChangedRecords(KafkaExamples.CLUSTER);
        KafkaResume.Plan plan = KafkaResume.plan(List.of(), List.of(config.pending(KafkaExamples.configChange())));

        assertThat(plan.last()).isEmpty();
        assertThat(plan.fromOutbox()).isZero();
    }

    @Test
    void anOpenFindingIsRestoredOpenAndReportedAsResumed() {
        FindingLedger ledger = new FindingLedger();
        List<FindingEvent> resumed =
                KafkaResume.restore(KafkaResume.plan(List.of(consumed(changed)), List.of()), ledger);

        assertThat(resumed).hasSize(1);
        assertThat(resumed.get(0)).isInstanceOf(FindingEvent.Opened.class);
        assertThat(resumed.get(0).reason()).isEqualTo("resumed");
        assertThat(resumed.get(0).finding().id()).isEqualTo(FINDING_ID);
        assertThat(resumed.get(0).sequence()).isEqualTo(changed.sequence());
        assertThat(ledger.open()).extracting(t -> t.finding().id()).containsExactly(FINDING_ID);
    }

    @Test
    void aTombstoneRestoresAResolvedFindingThatIsNotOpen() {
        FindingLedger ledger = new FindingLedger();
        List<FindingEvent> resumed =
                KafkaResume.restore(KafkaResume.plan(List.of(consumed(resolved)), List.of()), ledger);

        assertThat(resumed).isEmpty();
        assertThat(ledger.open()).isEmpty();
    }

    /** The event as the restart read consumes it from the state topic. */
    private ConsumerRecord<byte[], byte[]> consumed(FindingEvent event) {
        ProducerRecord<byte[], byte[]> r = records.stateRecord(STATE_TOPIC, event);
        return new ConsumerRecord<>(
                STATE_TOPIC,
                0,
                0L,
                Instant.EPOCH.toEpochMilli(),
                TimestampType.CREATE_TIME,
                r.key().length,
                r.value() == null ? -1 : r.value().length,
                r.key(),
                r.value(),
                r.headers(),
                Optional.empty());
    }
}
