package io.vigil.pipeline;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vigil.check.Evaluator;
import io.vigil.model.ResourceKey;
import io.vigil.model.TrackedFinding;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop of the audit (DESIGN §2): informer threads hand over keys only; this verticle queues them
 * once each, takes batches while the sinks accept, has them evaluated (inline when small, off the loop when
 * large, on every core during the first full evaluation) and hands the outcomes to the {@link LedgerPublisher}
 * back on the loop. Outcomes are applied in the order their batches were taken, so a key changed during its
 * evaluation is evaluated again afterwards and its later outcome lands last: per-key order holds. One batch is in
 * flight, except during a parallel first pass, where the next batch is evaluated while the loop applies the
 * previous one (the loop's share of a pass is about a third of the evaluation's: serial, it left the workers
 * idle). What a full evaluation visits is {@link FullEvaluation}'s to say, what the informers' states mean is
 * {@link Readiness}'s.
 */
public final class AuditVerticle extends VerticleBase implements KeyQueue {
    private static final Logger LOG = LoggerFactory.getLogger(AuditVerticle.class);
    /** Up to this many keys are evaluated on the loop itself: cheaper than two context switches. */
    private static final int INLINE_BATCH = 16;

    private static final long SINK_RETRY_MILLIS = 100;

    private final Evaluator catalogue;
    private final PipelineMetrics metrics;
    private final PipelineSettings settings;
    private final PendingKeys pending = new PendingKeys();
    private final LedgerPublisher publisher;
    private final Readiness readiness;
    /** Outlives policy changes: what objects were seen under does not depend on the checks in force. */
    private final SeenIndexValues seen = new SeenIndexValues();

    private PolicyInForce inForce;
    private AuditSource source;
    private FullEvaluation full;
    /**
     * The first full evaluation's threads (issue 13: the initial sync may use every core), released when it has
     * been published. Vert.x shares worker executors by name, so it must not outlive that pass.
     */
    private WorkerExecutor syncWorkers;

    /** Batches taken and not yet applied, oldest first. */
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();

    private boolean pausedForSink;
    private boolean retryScheduled;

    public AuditVerticle(
            Evaluator evaluator,
            FindingLedger ledger,
            List<FindingSink> sinks,
            PipelineMetrics metrics,
            PipelineSettings settings,
            Clock clock) {
        this.catalogue = evaluator;
        this.metrics = metrics;
        this.settings = settings;
        this.inForce = PolicyInForce.of(evaluator, FindingPolicy.NONE);
        this.publisher = new LedgerPublisher(ledger, sinks, metrics, clock);
        this.readiness = new Readiness(ledger, metrics);
        metrics.bind(pending::size, readiness::staleFindings);
        metrics.checksInstalled(evaluator.checks().stream().map(c -> c.id()).toList());
    }

    /** The source to read and listen to; set before deployment (the source needs this listener first). */
    public void attach(AuditSource kubeSource) {
        this.source = kubeSource;
        this.full = new FullEvaluation(kubeSource, this::offLoop);
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(settings.watchHealthInterval().toMillis(), id -> timed(full::relistDroppedWatches));
        vertx.setPeriodic(settings.fullEvaluationInterval().toMillis(), id -> timed(() -> fullEvaluation(true)));
        vertx.setPeriodic(1000, id -> timed(publisher::expireSuppressions));
        return offLoop(source::start);
    }

    @Override
    public Future<?> stop() {
        releaseSyncWorkers();
        return offLoop(source::stop);
    }

    /**
     * Installs a new policy as a whole (with the checks it adds: a baseline's drift check), publishes the
     * suppressions it changes, and re-evaluates everything.
     */
    public Future<Void> reconfigure(FindingPolicy next) {
        return onLoop(() -> {
            inForce = PolicyInForce.of(catalogue, next);
            publisher.install(next);
            fullEvaluation(false);
        });
    }

    /**
     * A replica that won the Lease (DESIGN §13): its findings become those of the state topic ({@code resumed}),
     * {@code beforeEvaluation} opens its Kafka sink, and a full evaluation publishes what differs, as after a
     * restart. Nothing evaluated by this replica as a follower is published on its own account.
     */
    public Future<Void> resume(FindingLedger resumed, Runnable beforeEvaluation) {
        return onLoop(() -> {
            publisher.replaceFindings(resumed);
            readiness.resumed();
            publisher.retag();
            beforeEvaluation.run();
            fullEvaluation(false);
        });
    }

    /** Ready once every servable kind has synced and the first full evaluation has been published. */
    public boolean ready() {
        return readiness.ready();
    }

    /** The open findings, read on this verticle's context (the ledger is not thread-safe). */
    public Future<List<TrackedFinding>> openFindings() {
        Promise<List<TrackedFinding>> promise = Promise.promise();
        context.runOnContext(v -> timed(() -> promise.complete(publisher.open())));
        return promise.future();
    }

    // ---- informer threads -> event loop

    @Override
    public void changed(ResourceKey key, String eventType) {
        changed(key, eventType, System.nanoTime());
    }

    /**
     * @param receivedNanos {@link System#nanoTime()} when the watch event arrived, for a caller that knows it
     *                      before now (the latency benchmark starts each event's clock at its scheduled time)
     */
    public void changed(ResourceKey key, String eventType, long receivedNanos) {
        metrics.watchEvent(key.kind(), eventType);
        context.runOnContext(v -> timed(() -> enqueue(key, receivedNanos)));
    }

    @Override
    public void stateChanged(String kind, InformerState state) {
        context.runOnContext(v -> timed(() -> onState(kind, state)));
    }

    /** Runs one event-loop task and reports how long it held the loop (nothing there should take long). */
    private void timed(Runnable task) {
        long start = System.nanoTime();
        try {
            task.run();
        } finally {
            metrics.loopTask(System.nanoTime() - start);
        }
    }

    // ---- event loop

    private void enqueue(ResourceKey key, long receivedNanos) {
        pending.add(key, receivedNanos);
        pending.addAll(inForce.dependents().of(key, source, seen), receivedNanos);
        drain();
    }

    private void onState(String kind, InformerState state) {
        pending.addAll(readiness.stateChanged(kind, state), System.nanoTime());
        if (readiness.initialSyncCompleted(source)) {
            fullEvaluation(false);
        }
        drain();
    }

    private void fullEvaluation(boolean relist) {
        if (!readiness.initialSyncDone()) {
            return;
        }
        full.prepare(relist)
                .onComplete(ar -> timed(() -> {
                    pending.addAll(full.begin(publisher.subjects(), inForce.policy()), System.nanoTime());
                    drain();
                }));
    }

    private void drain() {
        int parallelism = full.initialPassRunning() ? settings.initialSyncThreads() : 1;
        if (inFlight.size() >= (parallelism > 1 ? 2 : 1)) {
            return;
        }
        if (!readiness.initialSyncDone() || pending.isEmpty()) {
            if (pending.isEmpty() && inFlight.isEmpty() && full.finish()) {
                releaseSyncWorkers();
                seen.markComplete();
                readiness.fullEvaluationPublished(publisher.now());
            }
            return;
        }
        if (!publisher.sinksAccepting()) {
            pauseForSink();
            return;
        }
        if (pausedForSink) {
            pausedForSink = false;
            LOG.info("sinks accept events again: resuming evaluation ({} keys waiting)", pending.size());
        }
        List<Queued> batch = pending.take(settings.batchSize() * parallelism);
        KeyEvaluation evaluation = new KeyEvaluation(inForce.evaluator(), source, metrics);
        if (batch.size() <= INLINE_BATCH && inFlight.isEmpty()) {
            applied(evaluation.evaluate(batch));
            context.runOnContext(v -> timed(this::drain));
            return;
        }
        InFlight taken = parallelism == 1
                ? new InFlight(List.of(batch), List.of(vertx.executeBlocking(() -> evaluation.evaluate(batch), false)))
                : evaluateInParallel(batch, evaluation, parallelism);
        inFlight.add(taken);
        Future.join(taken.parts()).onComplete(ar -> timed(this::afterBatch));
        drain();
    }

    /** A taken batch: its slices and the futures of their outcomes, slice by slice. */
    private record InFlight(List<List<Queued>> slices, List<Future<List<Outcome>>> parts) {
        boolean done() {
            return parts.stream().allMatch(Future::isComplete);
        }
    }

    /** Backpressure (DESIGN §7): keys wait; the cache keeps the latest state, evaluated once the sink drains. */
    private void pauseForSink() {
        if (!pausedForSink) {
            pausedForSink = true;
            LOG.warn("a sink is not accepting events: pausing evaluation ({} keys waiting)", pending.size());
        }
        if (!retryScheduled) {
            retryScheduled = true;
            vertx.setTimer(
                    SINK_RETRY_MILLIS,
                    id -> timed(() -> {
                        retryScheduled = false;
                        drain();
                    }));
        }
    }

    /** Disjoint slices on the sync workers at once; their outcomes are applied on the loop, in the batch's order. */
    private InFlight evaluateInParallel(List<Queued> batch, KeyEvaluation evaluation, int parallelism) {
        if (syncWorkers == null) {
            syncWorkers = vertx.createSharedWorkerExecutor("vigil-initial-sync", parallelism);
        }
        List<List<Queued>> slices = KeyEvaluation.slices(batch, parallelism);
        List<Future<List<Outcome>>> parts = slices.stream()
                .map(slice -> syncWorkers.executeBlocking(() -> evaluation.evaluate(slice), false))
                .toList();
        return new InFlight(slices, parts);
    }

    /** Applies every finished batch at the head of the line, in the order they were taken. */
    private void afterBatch() {
        while (!inFlight.isEmpty() && inFlight.peek().done()) {
            InFlight batch = inFlight.poll();
            for (int i = 0; i < batch.slices().size(); i++) {
                Future<List<Outcome>> part = batch.parts().get(i);
                if (part.succeeded()) {
                    applied(part.result());
                } else {
                    LOG.error("evaluation batch failed; re-queueing its keys", part.cause());
                    pending.requeue(batch.slices().get(i));
                }
            }
        }
        drain();
    }

    private void releaseSyncWorkers() {
        if (syncWorkers != null) {
            syncWorkers.close();
            syncWorkers = null;
        }
    }

    private void applied(List<Outcome> outcomes) {
        inForce.dependents().evaluated(outcomes, source, seen);
        publisher.apply(outcomes, inForce.policy(), source, readiness::sees);
        readiness.recount();
    }

    private Future<Void> onLoop(Runnable action) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> timed(() -> {
            action.run();
            done.complete();
        }));
        return done.future();
    }

    private Future<Void> offLoop(Runnable blocking) {
        return vertx.executeBlocking(
                () -> {
                    blocking.run();
                    return null;
                },
                false);
    }
}
