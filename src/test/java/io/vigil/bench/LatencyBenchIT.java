package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The latency benchmark at a low rate as a correctness smoke test (never a time): through the real pipeline and
 * KafkaSink on an in-process broker, every finding event the pipeline published is committed in Kafka and seen
 * by a read_committed consumer, each measured one has exactly one latency value, and the bare producer committed
 * every record it replayed.
 */
class LatencyBenchIT {
    @Test
    void everyFindingEventOfALowRateRunReachesKafkaCommittedAndIsMeasuredOnce() throws Exception {
        LatencyBench.Result r = LatencyBench.run(new LatencyBench.Options(300, 3, 200, 101, 1, 10));

        assertThat(r.initialEvents()).as("the first full evaluation's findings").isPositive();
        assertThat(r.measuredEvents())
                .as("the measured updates opened and resolved findings")
                .isPositive();
        assertThat(r.inKafka()).as("committed in the events topic").isEqualTo(r.published());
        assertThat(r.committedObserved()).as("commit latencies recorded").isEqualTo(r.published());
        assertThat(r.vigil().getTotalCount()).isEqualTo(r.measuredEvents());
        assertThat(r.bareCommitted()).isEqualTo(r.measuredEvents());
        assertThat(r.bareInKafka()).isEqualTo(r.measuredEvents());
        assertThat(r.bare().getTotalCount()).isEqualTo(r.measuredEvents());
        assertThat(r.loopTasks().getTotalCount()).as("event-loop tasks timed").isPositive();
    }
}
