package io.vigil.bench;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vigil.check.AuditSettings;
import io.vigil.check.Evaluator;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.FindingEvent;
import io.vigil.model.Kinds;
import io.vigil.pipeline.AuditVerticle;
import io.vigil.pipeline.FindingLedger;
import io.vigil.pipeline.FindingSink;
import io.vigil.pipeline.InformerState;
import io.vigil.pipeline.PipelineMetrics;
import io.vigil.pipeline.PipelineSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * DESIGN §11 "no check's cost per event grows with namespace size", through the real {@link AuditVerticle}
 * (key queue, {@code Dependents} re-queues, evaluation, ledger, a counting sink) rather than the Evaluator
 * alone: the same pods in namespaces of 100 and of 10,000 pods; after the first full evaluation, two watch
 * events per updated pod (one of them moves the pod's images, so findings open and resolve) go through the informers' decode-and-store path and the key hand-over, as fast as
 * the feed can go. Figures: events/s from the first hand-over to the last evaluation, keys evaluated per
 * event (what a change re-queues) and CPU of every thread per event. Usage: PipelineNamespaceBench [pods]
 * [updated pods].
 */
public final class PipelineNamespaceBench {
    public static void main(String[] args) throws Exception {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int updated = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Run small = run(pods, pods / 100, updated);
        Run large = run(pods, pods / 10_000, updated);
        System.out.printf(
                "| *PipelineNamespaceBench: %d pods, %d updated, through AuditVerticle; %s; %s* | | | |%n",
                pods, updated, BenchData.jvm(), BenchData.load());
        small.print(100);
        large.print(10_000);
        double ratio = large.cpuPerEvent() / small.cpuPerEvent();
        System.out.printf(
                "| cost per event vs namespace size, through the pipeline (CPU per event) | %.2f× at 10k pods/namespace vs 100 | within 1.5× | %s |%n",
                ratio, ratio <= 1.5 ? "PASS" : "FAIL");
    }

    record Run(double seconds, long events, long evaluations, long cpuNanos, long published) {
        double cpuPerEvent() {
            return cpuNanos / (double) events;
        }

        void print(int perNamespace) {
            System.out.printf(
                    "| watch events through AuditVerticle, %,d pods per namespace | %,.0f events/s; %.2f keys evaluated per event; %,.0f us CPU per event (all threads); %d finding events | - | - |%n",
                    perNamespace, events / seconds, evaluations / (double) events, cpuPerEvent() / 1e3, published);
        }
    }

    private static Run run(int pods, int namespaces, int updated) throws Exception {
        AuditSettings settings = AuditSettings.defaults();
        StoreView cache = new StoreView(settings);
        BenchData.namespaces(namespaces).forEach(b -> cache.ingest(Kinds.NAMESPACE, b));
        BenchData.networkPolicies(namespaces).forEach(b -> cache.ingest(Kinds.NETWORK_POLICY, b));
        BenchData.pods(pods, namespaces, 1).forEach(b -> cache.ingest(Kinds.POD, b));
        WatchEvents events = new WatchEvents(updated, namespaces);
        Counters counters = new Counters();
        AuditVerticle verticle = new AuditVerticle(
                new Evaluator(BuiltInChecks.catalog().all(), settings),
                new FindingLedger(),
                List.of(counters),
                counters,
                new PipelineSettings(Duration.ofHours(1), 512, Duration.ofHours(1), 1),
                Clock.systemUTC());
        verticle.attach(cache);
        Vertx vertx = Vertx.vertx();
        try {
            vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
            cache.stores.keySet().forEach(kind -> verticle.stateChanged(kind, InformerState.SYNCED));
            if (!counters.firstPass.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the first full evaluation did not finish in 10 min");
            }
            // JIT warm-up: two events per updated pod; then two more, one of which moves its images (findings change)
            feed(verticle, cache, events, 0, 2 * updated, counters);
            return feed(verticle, cache, events, 2L * updated, 2 * updated, counters);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static Run feed(
            AuditVerticle verticle, StoreView cache, WatchEvents events, long from, int count, Counters counters) {
        long evaluationsBefore = counters.evaluations.get();
        long publishedBefore = counters.published.get();
        long cpu0 = BenchData.processCpu();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            verticle.changed(cache.watched(Kinds.POD, events.event(from + i)).key(), "update", System.nanoTime());
        }
        // done when the queue is empty and no evaluation ran for a while; the clock stops at the last one
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> counters.queueDepth.getAsLong() == 0
                        && System.nanoTime() - counters.lastEvaluation.get() > 200_000_000L);
        long cpu = BenchData.processCpu() - cpu0;
        return new Run(
                (counters.lastEvaluation.get() - t0) / 1e9,
                count,
                counters.evaluations.get() - evaluationsBefore,
                cpu,
                counters.published.get() - publishedBefore);
    }

    /** Counts evaluations and published events; opens the gate once the first full evaluation is published. */
    private static final class Counters implements PipelineMetrics, FindingSink {
        final CountDownLatch firstPass = new CountDownLatch(1);
        final AtomicLong evaluations = new AtomicLong();
        final AtomicLong lastEvaluation = new AtomicLong(System.nanoTime());
        final AtomicLong published = new AtomicLong();
        volatile LongSupplier queueDepth = () -> 0;

        @Override
        public void bind(LongSupplier queueDepth, LongSupplier staleFindings) {
            this.queueDepth = queueDepth;
        }

        @Override
        public void evaluated(long nanos) {
            evaluations.incrementAndGet();
            lastEvaluation.set(System.nanoTime());
        }

        @Override
        public void fullEvaluationFinished(Instant at) {
            firstPass.countDown();
        }

        @Override
        public void publish(List<FindingEvent> events, long receivedNanos) {
            published.addAndGet(events.size());
        }
    }
}
