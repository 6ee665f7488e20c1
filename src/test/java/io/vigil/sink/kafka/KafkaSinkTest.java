package io.vigil.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.checks.BuiltInChecks;
import io.vigil.config.ConfigLoader;
import io.vigil.config.Setting;
import io.vigil.metrics.VigilMetrics;
import io.vigil.model.FindingEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KafkaSink's flush batches (DESIGN §7: one transaction per batch, at most flushInterval of waiting). */
class KafkaSinkTest {
    /** Long enough that no scheduling hiccup of a loaded machine looks like a flush window. */
    private static final Duration FLUSH = Duration.ofSeconds(1);

    private static final KafkaSettings SETTINGS = KafkaSettings.of(
            KafkaExamples.CLUSTER,
            new ConfigLoader(BuiltInChecks.catalog().ids())
                    .load(
                            Map.of(
                                    Setting.KAFKA_BOOTSTRAP_SERVERS,
                                    "127.0.0.1:9",
                                    Setting.KAFKA_FLUSH_INTERVAL,
                                    FLUSH.toMillis() + "ms"),
                            "unused")
                    .kafka());

    private final List<FindingEvent> lifecycle = KafkaExamples.lifecycle();
    private final HeldCommit producer = new HeldCommit();

    @TempDir
    Path dataDir;

    private KafkaSink sink;

    @AfterEach
    void close() {
        producer.release.countDown();
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void eventsThatQueuedBehindACommitForAFlushIntervalGoIntoTheNextTransactionAtOnce() throws Exception {
        start();
        sink.publish(lifecycle.subList(0, 1), System.nanoTime());
        assertThat(producer.firstCommitHeld.await(10, TimeUnit.SECONDS)).isTrue();
        long handedOver = System.nanoTime();
        sink.publish(lifecycle.subList(1, 3), handedOver);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> System.nanoTime() - handedOver > FLUSH.toNanos());

        long released = System.nanoTime();
        producer.release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> producer.commitCount() == 2);
        // the two events had waited a whole flush window behind the commit: no second window for them
        assertThat(producer.begun.get(1) - released).isLessThan(FLUSH.toNanos());
        assertThat(producer.history()).hasSize(6); // events + state topic: 1 event, then 2 in one transaction
    }

    @Test
    void anEventReachingAnIdleSinkWaitsTheFlushIntervalSoThoseBehindItShareItsTransaction() throws Exception {
        producer.release.countDown();
        start();
        long first = System.nanoTime();
        sink.publish(lifecycle.subList(0, 1), first);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> System.nanoTime() - first > FLUSH.toNanos() / 4);
        sink.publish(lifecycle.subList(1, 2), System.nanoTime());

        await().atMost(Duration.ofSeconds(10)).until(() -> producer.commitCount() == 1);
        assertThat(producer.history()).hasSize(4);
        assertThat(producer.begun).hasSize(1);
        assertThat(producer.begun.get(0) - first).isGreaterThanOrEqualTo(FLUSH.toNanos());
    }

    private void start() {
        sink = new KafkaSink(
                SETTINGS,
                new FindingRecords(KafkaExamples.CLUSTER, "test"),
                new VigilMetrics("test"),
                dataDir,
                new KafkaBootstrap.Connected(producer, new StateTopicReader.Snapshot(Map.of(), Map.of()), Map.of()));
        sink.start();
    }

    /** A transactional mock whose first commit waits until the test releases it; remembers when each began. */
    private static final class HeldCommit extends MockProducer<byte[], byte[]> {
        final CountDownLatch firstCommitHeld = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Long> begun = new CopyOnWriteArrayList<>();

        HeldCommit() {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            initTransactions();
        }

        @Override
        public void beginTransaction() {
            begun.add(System.nanoTime());
            super.beginTransaction();
        }

        @Override
        public void commitTransaction() {
            firstCommitHeld.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new KafkaException("the test never released the commit");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException(e);
            }
            super.commitTransaction();
        }
    }
}
