package io.vigil.pipeline;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vigil.check.Evaluator;
import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceKey;
import io.vigil.model.TrackedFinding;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop of the audit (DESIGN §2): informer threads hand over keys only; this verticle
 * de-duplicates them, reads current state from the cache, evaluates (off the loop when a batch is large),
 * diffs with the ledger and publishes events to the sinks in order. Only one batch is in flight, so a
 * key changed during its evaluation is evaluated again afterwards: per-key order holds.
 */
public final class AuditVerticle extends VerticleBase implements KeyQueue {
    private static final Logger LOG = LoggerFactory.getLogger(AuditVerticle.class);
    private static final int INLINE_BATCH = 16;

    private final Evaluator catalogue;
    private Evaluator evaluator;
    private FindingPolicy policy = FindingPolicy.NONE;
    private final FindingLedger ledger;
    private final List<FindingSink> sinks;
    private final PipelineMetrics metrics;
    private final PipelineSettings settings;
    private final Clock clock;
    private Dependents dependents;
    private final Map<ResourceKey, Long> pending = new LinkedHashMap<>();
    private final Map<String, InformerState> states = new HashMap<>();
    private final Set<String> everSynced = new HashSet<>();
    private final Set<String> loggedFailures = new HashSet<>();
    private AuditSource source;
    private boolean inFlight;
    private boolean initialSyncDone;
    private boolean fullPassPending;
    private boolean pausedForSink;
    private boolean retryScheduled;
    private volatile boolean ready;
    private volatile long staleFindings;

    public AuditVerticle(
            Evaluator evaluator,
            FindingLedger ledger,
            List<FindingSink> sinks,
            PipelineMetrics metrics,
            PipelineSettings settings,
            Clock clock) {
        this.catalogue = evaluator;
        this.evaluator = evaluator;
        this.ledger = ledger;
        this.sinks = List.copyOf(sinks);
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.dependents = new Dependents(evaluator.checks());
        metrics.bind(pending::size, () -> staleFindings);
        metrics.checksInstalled(evaluator.checks().stream().map(c -> c.id()).toList());
    }

    /** The source to read and listen to; set before deployment (the source needs this listener first). */
    public void attach(AuditSource kubeSource) {
        this.source = kubeSource;
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(settings.watchHealthInterval().toMillis(), id -> timed(this::relistLostWatches));
        vertx.setPeriodic(settings.fullEvaluationInterval().toMillis(), id -> timed(() -> fullEvaluation(true)));
        vertx.setPeriodic(
                1000, id -> timed(() -> publish(ledger.expireSuppressions(clock.instant()), System.nanoTime())));
        return vertx.executeBlocking(
                () -> {
                    source.start();
                    return null;
                },
                false);
    }

    @Override
    public Future<?> stop() {
        return vertx.executeBlocking(
                () -> {
                    source.stop();
                    return null;
                },
                false);
    }

    /**
     * Installs a new policy as a whole (with the checks it adds: a baseline's drift check), publishes the
     * suppressions it changes, and re-evaluates everything.
     */
    public Future<Void> reconfigure(FindingPolicy next) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> timed(() -> {
            policy = next;
            evaluator = catalogue.with(next.checks());
            dependents = new Dependents(evaluator.checks());
            ledger.setPolicy(next);
            publish(ledger.applyPolicy(clock.instant()), System.nanoTime());
            metrics.retagged(ledger.open());
            fullEvaluation(false);
            done.complete();
        }));
        return done.future();
    }

    private void publish(List<FindingEvent> events, long receivedNanos) {
        if (events.isEmpty()) {
            return;
        }
        metrics.published(events);
        for (FindingSink sink : sinks) {
            sink.publish(events, receivedNanos);
        }
    }

    /**
     * A replica that won the Lease (DESIGN §13): its findings become those of the state topic ({@code resumed}),
     * {@code beforeEvaluation} opens its Kafka sink, and a full evaluation publishes what differs, as after a
     * restart. Nothing evaluated by this replica as a follower is published on its own account.
     */
    public Future<Void> resume(FindingLedger resumed, Runnable beforeEvaluation) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> timed(() -> {
            ledger.replaceFindings(resumed);
            if (initialSyncDone) {
                markUnseenKindsStale();
            }
            staleFindings = ledger.staleCount();
            metrics.retagged(ledger.open());
            beforeEvaluation.run();
            fullEvaluation(false);
            done.complete();
        }));
        return done.future();
    }

    /** Ready once every servable kind has synced and the first full evaluation has been published. */
    public boolean ready() {
        return ready;
    }

    /** The open findings, read on this verticle's context (the ledger is not thread-safe). */
    public Future<List<TrackedFinding>> openFindings() {
        Promise<List<TrackedFinding>> promise = Promise.promise();
        context.runOnContext(v -> timed(() -> promise.complete(ledger.open())));
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
        context.runOnContext(v -> timed(() -> enqueue(key, receivedNanos, true)));
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

    private void enqueue(ResourceKey key, long receivedNanos, boolean withDependents) {
        pending.putIfAbsent(key, receivedNanos);
        if (withDependents) {
            for (ResourceKey dependent : dependents.of(key, source::keys)) {
                pending.putIfAbsent(dependent, receivedNanos);
            }
        }
        drain();
    }

    private void onState(String k, InformerState state) {
        InformerState previous = states.put(k, state);
        metrics.informerState(k, state);
        if (state == InformerState.SYNCED) {
            everSynced.add(k);
            if (ledger.isStale(k)) {
                ledger.setStale(k, false);
                long now = System.nanoTime();
                ledger.subjects().stream().filter(s -> s.kind().equals(k)).forEach(s -> pending.putIfAbsent(s, now));
            }
        } else if (everSynced.contains(k) && previous == InformerState.SYNCED) {
            LOG.warn("lost sight of {} ({}): its findings stay open and are marked stale", k, state.label());
            ledger.setStale(k, true);
        }
        staleFindings = ledger.staleCount();
        if (!initialSyncDone && source.allSynced()) {
            initialSyncDone = true;
            markUnseenKindsStale();
            LOG.info("informers synced ({} objects cached): running the first full evaluation", source.cachedObjects());
            fullEvaluation(false);
        }
        drain();
    }

    /** Findings resumed from Kafka whose kind this run cannot see stay open, marked stale (DESIGN §7). */
    private void markUnseenKindsStale() {
        for (ResourceKey subject : ledger.subjects()) {
            if (states.get(subject.kind()) != InformerState.SYNCED && !ledger.isStale(subject.kind())) {
                LOG.warn(
                        "findings of {} were open before the restart but {} is not visible now: kept open, stale",
                        subject.kind(),
                        subject.kind());
                ledger.setStale(subject.kind(), true);
            }
        }
    }

    private void fullEvaluation(boolean relist) {
        if (!initialSyncDone) {
            return;
        }
        Future<Void> relisted = relist
                ? vertx.executeBlocking(
                        () -> {
                            source.relistAll();
                            return null;
                        },
                        false)
                : Future.succeededFuture();
        relisted.onComplete(ar -> timed(() -> {
            long now = System.nanoTime();
            source.keys().forEach(k -> pending.putIfAbsent(k, now));
            ledger.subjects().forEach(k -> pending.putIfAbsent(k, now));
            policy.expectedObjects().forEach(k -> pending.putIfAbsent(k, now));
            fullPassPending = true;
            drain();
        }));
    }

    private void relistLostWatches() {
        vertx.executeBlocking(
                () -> {
                    source.relistDroppedWatches();
                    return null;
                },
                false);
    }

    private void drain() {
        if (inFlight || !initialSyncDone || pending.isEmpty()) {
            if (!inFlight && pending.isEmpty() && fullPassPending) {
                fullPassPending = false;
                ready = true;
                metrics.fullEvaluationFinished(clock.instant());
            }
            return;
        }
        if (!sinks.stream().allMatch(FindingSink::accepting)) {
            // Backpressure (DESIGN §7): keys wait; the cache keeps the latest state, evaluated once the sink drains.
            if (!pausedForSink) {
                pausedForSink = true;
                LOG.warn("a sink is not accepting events: pausing evaluation ({} keys waiting)", pending.size());
            }
            if (!retryScheduled) {
                retryScheduled = true;
                vertx.setTimer(
                        100,
                        id -> timed(() -> {
                            retryScheduled = false;
                            drain();
                        }));
            }
            return;
        }
        if (pausedForSink) {
            pausedForSink = false;
            LOG.info("sinks accept events again: resuming evaluation ({} keys waiting)", pending.size());
        }
        Map<ResourceKey, Long> batch = take(settings.batchSize());
        inFlight = true;
        if (batch.size() <= INLINE_BATCH) {
            apply(evaluate(batch));
            inFlight = false;
            context.runOnContext(v -> timed(this::drain));
            return;
        }
        vertx.executeBlocking(() -> evaluate(batch), false).onComplete(ar -> timed(() -> evaluated(batch, ar)));
    }

    private void evaluated(Map<ResourceKey, Long> batch, AsyncResult<List<Outcome>> ar) {
        inFlight = false;
        if (ar.succeeded()) {
            apply(ar.result());
        } else {
            LOG.error("evaluation batch failed; re-queueing its keys", ar.cause());
            batch.forEach(pending::putIfAbsent);
        }
        drain();
    }

    private Map<ResourceKey, Long> take(int max) {
        Map<ResourceKey, Long> batch = new LinkedHashMap<>();
        Iterator<Map.Entry<ResourceKey, Long>> it = pending.entrySet().iterator();
        while (it.hasNext() && batch.size() < max) {
            Map.Entry<ResourceKey, Long> e = it.next();
            batch.put(e.getKey(), e.getValue());
            it.remove();
        }
        return batch;
    }

    /** What one key's evaluation found; {@code object} empty when the object is gone from the cache. */
    private record Outcome(ResourceKey key, long receivedNanos, Optional<KubeObject> object, Evaluator.Result result) {}

    private List<Outcome> evaluate(Map<ResourceKey, Long> batch) {
        List<Outcome> out = new ArrayList<>(batch.size());
        for (Map.Entry<ResourceKey, Long> e : batch.entrySet()) {
            Optional<KubeObject> object = source.get(e.getKey());
            Evaluator.Result result = object.map(o -> {
                        long start = System.nanoTime();
                        Evaluator.Result r = evaluator.evaluate(o, source);
                        metrics.evaluated(System.nanoTime() - start);
                        return r;
                    })
                    .orElse(null);
            out.add(new Outcome(e.getKey(), e.getValue(), object, result));
        }
        return out;
    }

    private void apply(List<Outcome> outcomes) {
        var now = clock.instant();
        for (Outcome o : outcomes) {
            List<FindingEvent> events;
            if (o.object().isPresent()) {
                Set<String> failed = new HashSet<>();
                for (Evaluator.CheckFailure f : o.result().failures()) {
                    failed.add(f.checkId());
                    onCheckFailure(f);
                }
                events = ledger.reconcile(o.key(), o.result().findings(), failed, now);
            } else if (states.get(o.key().kind()) == InformerState.SYNCED) {
                // A fingerprinted object deleted since the baseline is drift on that object, not a fix.
                Optional<Finding> deletion = policy.deletion(o.key(), source);
                events = deletion.isPresent()
                        ? ledger.reconcile(o.key(), List.of(deletion.get()), Set.of(), now)
                        : ledger.deleted(o.key(), now);
            } else {
                events = List.of();
            }
            if (!events.isEmpty()) {
                publish(events, o.receivedNanos());
                if (sinks.stream().noneMatch(FindingSink::acknowledges)) {
                    metrics.handedOver(System.nanoTime() - o.receivedNanos());
                }
            }
        }
        staleFindings = ledger.staleCount();
    }

    private void onCheckFailure(Evaluator.CheckFailure f) {
        metrics.checkError(f.checkId());
        if (loggedFailures.size() > 10_000) {
            loggedFailures.clear();
        }
        if (loggedFailures.add(f.checkId() + " " + f.subject().key())) {
            LOG.error(
                    "check {} failed on {}; its earlier findings stay open",
                    f.checkId(),
                    f.subject().key(),
                    f.error());
        }
    }
}
