package io.vigil.bench;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vigil.check.AuditSettings;
import io.vigil.check.Evaluator;
import io.vigil.checks.BuiltInChecks;
import io.vigil.config.Version;
import io.vigil.config.VigilConfig;
import io.vigil.metrics.FindingGauges;
import io.vigil.metrics.MetricCatalog;
import io.vigil.metrics.PipelineMeters;
import io.vigil.metrics.VigilMetrics;
import io.vigil.model.ResourceKey;
import io.vigil.pipeline.AuditVerticle;
import io.vigil.pipeline.FindingLedger;
import io.vigil.pipeline.InformerState;
import io.vigil.pipeline.PipelineSettings;
import io.vigil.sink.kafka.FindingRecords;
import io.vigil.sink.kafka.KafkaBootstrap;
import io.vigil.sink.kafka.KafkaSettings;
import io.vigil.sink.kafka.KafkaSink;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Vigil's watch pipeline as {@code VigilService} composes it, minus the API server: the real AuditVerticle on a
 * real Vert.x, the real Evaluator over every built-in check, FindingLedger, PipelineMeters and the real KafkaSink
 * (transactions, outbox) on a real broker, over the informers' stores ({@link StoreView}). Latency is read where
 * Vigil itself measures it: every value recorded into {@code vigil_change_to_publish_seconds} (at the commit,
 * per finding event) and {@code vigil_event_loop_task_seconds}, observed exactly.
 */
final class LivePipeline implements AutoCloseable {
    final PublishedEvents published = new PublishedEvents();
    final KafkaSettings settings;
    final FindingRecords records;
    private final Recorder commitLatency = new Recorder(3);
    private final Recorder loopTasks = new Recorder(3);
    private final Recorder batchWait = new Recorder(3);
    private final Recorder transactions = new Recorder(3);
    private final AtomicLong committed = new AtomicLong();
    private final Vertx vertx = Vertx.vertx();
    private final KafkaSink sink;
    private final AuditVerticle verticle;

    LivePipeline(VigilConfig config, StoreView view) {
        settings = KafkaSettings.of(config.cluster().name(), config.kafka());
        records = new FindingRecords(settings.cluster(), Version.get());
        VigilMetrics metrics = new VigilMetrics(Version.get());
        metrics.observe(MetricCatalog.CHANGE_TO_PUBLISH, nanos -> {
            commitLatency.recordValue(nanos);
            committed.incrementAndGet();
        });
        metrics.observe(MetricCatalog.EVENT_LOOP_TASK, loopTasks::recordValue);
        metrics.observe(MetricCatalog.KAFKA_BATCH_WAIT, batchWait::recordValue);
        metrics.observe(MetricCatalog.KAFKA_TRANSACTION, transactions::recordValue);
        sink = new KafkaSink(
                settings, records, metrics, config.dataDir(), KafkaBootstrap.connect(settings, Duration.ofMinutes(1)));
        VigilConfig.Pipeline p = config.pipeline();
        verticle = new AuditVerticle(
                new Evaluator(BuiltInChecks.catalog().all(), AuditSettings.defaults()),
                new FindingLedger(),
                List.of(sink, published),
                new PipelineMeters(
                        metrics, new FindingGauges(metrics, config.metrics().namespaceFindings())),
                new PipelineSettings(p.fullEvaluationInterval(), p.batchSize(), p.watchHealthInterval()),
                Clock.systemUTC());
        verticle.attach(view);
    }

    /** Deploys, reports every kind synced, and waits until the first full evaluation is committed to Kafka. */
    void start(StoreView view, Duration timeout) throws Exception {
        sink.start();
        vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
        view.stores.keySet().forEach(kind -> verticle.stateChanged(kind, InformerState.SYNCED));
        awaitCommitted(timeout);
    }

    /** The informer's hand-over of one changed key, received at {@code dueNanos}. */
    void changed(ResourceKey key, long dueNanos) {
        verticle.changed(key, "update", dueNanos);
    }

    /** Waits until every finding event published so far is committed (and the first evaluation is done). */
    void awaitCommitted(Duration timeout) {
        await().atMost(timeout)
                .pollInterval(Duration.ofMillis(20))
                .alias("every published finding event committed")
                .until(() -> verticle.ready() && committed.get() >= published.count());
    }

    /** Forgets the latencies and loop tasks recorded so far (the initial sync, the warm-up). */
    void resetHistograms() {
        commitLatency.reset();
        loopTasks.reset();
        batchWait.reset();
        transactions.reset();
    }

    Histogram commitLatency() {
        return commitLatency.getIntervalHistogram();
    }

    Histogram loopTasks() {
        return loopTasks.getIntervalHistogram();
    }

    /** Per finding event: handed to KafkaSink -> its transaction begins ({@code vigil_kafka_batch_wait_seconds}). */
    Histogram batchWait() {
        return batchWait.getIntervalHistogram();
    }

    /** Per transaction: begin -> commit returned ({@code vigil_kafka_transaction_seconds}). */
    Histogram transactions() {
        return transactions.getIntervalHistogram();
    }

    long committed() {
        return committed.get();
    }

    @Override
    public void close() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
        sink.close();
    }
}
