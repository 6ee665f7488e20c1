package io.vigil.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;

    private static PendingRecord record(int i) {
        return new PendingRecord(
                "f" + i + ":1000:" + i,
                i % 2 == 0 ? "io.vigil.finding.opened" : PendingRecord.RESOLVED_TYPE,
                "f" + i,
                Instant.ofEpochMilli(1_000 + i),
                ("{\"id\":\"f" + i + "\",\"data\":{\"x\":\"a\\tb\"}}").getBytes(StandardCharsets.UTF_8),
                42);
    }

    private static List<PendingRecord> records(int from, int to) {
        return IntStream.range(from, to).mapToObj(OutboxTest::record).toList();
    }

    @Test
    void keepsRecordsInOrderAcrossRestartsUntilCommitted() {
        try (Outbox outbox = new Outbox(dir, 100)) {
            outbox.append(records(0, 3));
            outbox.append(records(3, 5));
            Outbox.Head head = outbox.head(2);
            assertThat(head.records()).extracting(PendingRecord::eventId).containsExactly("f0:1000:0", "f1:1000:1");
            outbox.commit(head);
            assertThat(outbox.size()).isEqualTo(3);
        }
        try (Outbox reopened = new Outbox(dir, 100)) {
            assertThat(reopened.size()).isEqualTo(3);
            Outbox.Head head = reopened.head(10);
            assertThat(head.records())
                    .extracting(PendingRecord::eventId)
                    .containsExactly("f2:1000:2", "f3:1000:3", "f4:1000:4");
            PendingRecord r = head.records().get(1);
            assertThat(r.type()).isEqualTo(PendingRecord.RESOLVED_TYPE);
            assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"id\":\"f3\",\"data\":{\"x\":\"a\\tb\"}}");
            assertThat(r.receivedNanos()).as("latency is not persisted").isZero();
            assertThat(r.time())
                    .as("the event time is, for the record timestamp")
                    .isEqualTo(Instant.ofEpochMilli(1_003));
            reopened.commit(head);
            assertThat(reopened.isEmpty()).isTrue();
        }
        assertThat(dir.resolve("records.log")).isEmptyFile();
    }

    @Test
    void lastPerKeyIsTheLatestWaitingRecordOfEachFinding() {
        PendingRecord opened =
                new PendingRecord("a:1000:1", "io.vigil.finding.opened", "a", Instant.EPOCH, "{}".getBytes(), 0);
        PendingRecord changed =
                new PendingRecord("a:1000:2", "io.vigil.finding.changed", "a", Instant.EPOCH, "{}".getBytes(), 0);
        PendingRecord other =
                new PendingRecord("b:1000:1", "io.vigil.finding.opened", "b", Instant.EPOCH, "{}".getBytes(), 0);
        try (Outbox outbox = new Outbox(dir, 100)) {
            outbox.append(List.of(record(9), opened, other, changed));
            outbox.commit(outbox.head(1));
            assertThat(outbox.lastPerKey()).containsOnlyKeys("a", "b");
            assertThat(outbox.lastPerKey().get("a").eventId()).isEqualTo("a:1000:2");
            assertThat(outbox.lastPerKey().get("b").eventId()).isEqualTo("b:1000:1");
            assertThat(outbox.size()).as("reading changes nothing").isEqualTo(3);
        }
    }

    @Test
    void aLineOfAnEarlierVersionWithoutTimeTakesTheCloudEventsTime() throws IOException {
        io.vigil.model.FindingEvent event = KafkaExamples.lifecycle().get(1);
        PendingRecord pending = KafkaExamples.records().pending(event, 0);
        Files.writeString(
                dir.resolve("records.log"),
                pending.eventId() + "\t" + pending.type() + "\t" + pending.key() + "\t"
                        + new String(pending.value(), StandardCharsets.UTF_8) + "\n");
        try (Outbox outbox = new Outbox(dir, 100)) {
            PendingRecord read = outbox.head(1).records().get(0);
            assertThat(read.eventId()).isEqualTo(event.id());
            assertThat(read.time()).isEqualTo(event.time());
            assertThat(read.value()).isEqualTo(pending.value());
        }
    }

    @Test
    void isBoundedAndReportsFull() {
        try (Outbox outbox = new Outbox(dir, 3)) {
            outbox.append(records(0, 2));
            assertThat(outbox.isFull()).isFalse();
            outbox.append(records(2, 3));
            assertThat(outbox.isFull()).isTrue();
        }
    }

    @Test
    void aTornLastLineFromACrashIsDroppedAndTheRestKept() throws IOException {
        try (Outbox outbox = new Outbox(dir, 100)) {
            outbox.append(records(0, 2));
        }
        Files.writeString(
                dir.resolve("records.log"),
                "f9:1000:9\tio.vigil.finding.opened\tf9\t{\"id\":",
                StandardOpenOption.APPEND);
        try (Outbox reopened = new Outbox(dir, 100)) {
            assertThat(reopened.size()).isEqualTo(2);
            assertThat(reopened.head(10).records())
                    .extracting(PendingRecord::eventId)
                    .containsExactly("f0:1000:0", "f1:1000:1");
        }
    }
}
