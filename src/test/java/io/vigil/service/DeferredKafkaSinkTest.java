package io.vigil.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.FindingStatus;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import io.vigil.model.TrackedFinding;
import io.vigil.pipeline.FindingSink;
import io.vigil.sink.kafka.PendingRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeferredKafkaSinkTest {
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

    /** What reached the Kafka side, in order: finding ids and config-change event ids. */
    private final List<String> delivered = new ArrayList<>();

    private final FindingSink kafka = new FindingSink() {
        @Override
        public void publish(List<FindingEvent> events, long receivedNanos) {
            events.forEach(e -> delivered.add(e.finding().id() + "@" + receivedNanos));
        }

        @Override
        public void close() {
            delivered.add("closed");
        }
    };

    @Test
    void whatWaitedReachesKafkaFirstInItsOrderThenEventsGoStraightThrough() {
        DeferredKafkaSink sink = new DeferredKafkaSink(100);
        sink.publish(List.of(opened("f-1"), opened("f-2")), 1);
        sink.publishConfigChange(configChange("baseline-1"));
        sink.publish(List.of(opened("f-3")), 2);
        assertThat(sink.waitingEvents()).isEqualTo(3);
        assertThat(delivered).isEmpty();

        sink.open(kafka, record -> delivered.add(record.eventId()));
        sink.publish(List.of(opened("f-4")), 3);
        sink.publishConfigChange(configChange("baseline-2"));

        assertThat(delivered).containsExactly("f-1@1", "f-2@1", "baseline-1", "f-3@2", "f-4@3", "baseline-2");
        assertThat(sink.waitingEvents()).isZero();
    }

    @Test
    void notReadyUntilKafkaIsUpAndHoldsThePipelineBackWhenFull() {
        DeferredKafkaSink sink = new DeferredKafkaSink(2);
        assertThat(sink.ready()).isFalse();
        assertThat(sink.accepting()).isTrue();
        sink.publish(List.of(opened("f-1")), 1);
        assertThat(sink.accepting()).isTrue();
        sink.publish(List.of(opened("f-2")), 1);
        assertThat(sink.accepting()).as("two events wait: the capacity").isFalse();

        sink.open(kafka, record -> {});

        assertThat(sink.ready()).isTrue();
        assertThat(sink.accepting()).isTrue();
        assertThat(delivered).containsExactly("f-1@1", "f-2@1");
    }

    @Test
    void aSinkOpenedAfterShutdownIsClosedAndGetsNothing() {
        DeferredKafkaSink sink = new DeferredKafkaSink(10);
        sink.publish(List.of(opened("f-1")), 1);
        sink.close();

        sink.open(kafka, record -> {});

        assertThat(delivered).containsExactly("closed");
    }

    private static FindingEvent opened(String id) {
        Finding f = new Finding(
                id,
                "c1",
                "privileged-container",
                "pod-security",
                Severity.CRITICAL,
                "Privileged container",
                "privileged",
                new ResourceRef("v1", "Pod", "shop", "api", "uid-api"),
                "spec.containers[name=api].securityContext.privileged",
                "true",
                "false",
                List.of("CIS:5.2.1"),
                "drop privileged",
                null);
        return new FindingEvent.Opened(new TrackedFinding(f, FindingStatus.seenAt(T0)), 1, T0, T0, "new");
    }

    private static PendingRecord configChange(String id) {
        return new PendingRecord(id, PendingRecord.CONFIG_CHANGED_TYPE, "config", T0, new byte[0], 0);
    }
}
