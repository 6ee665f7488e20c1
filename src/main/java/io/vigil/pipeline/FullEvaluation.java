package io.vigil.pipeline;

import io.vertx.core.Future;
import io.vigil.model.ResourceKey;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The full evaluation (DESIGN §2, §7): after the initial sync, after a policy change or a take-over, and
 * every {@code fullEvaluationInterval} after re-listing every kind (which also re-discovers kinds that appeared
 * or became permitted). It decides which keys a pass visits and when a pass has been published; between
 * passes it re-lists the kinds whose watch dropped. Event loop only; re-lists block, so they run off it.
 */
final class FullEvaluation {
    /** Runs blocking work off the event loop; the future completes on the caller's context. */
    @FunctionalInterface
    interface OffLoop {
        Future<Void> run(Runnable blocking);
    }

    private final AuditSource source;
    private final OffLoop offLoop;
    private boolean passPending;
    private boolean onePassPublished;

    FullEvaluation(AuditSource source, OffLoop offLoop) {
        this.source = source;
        this.offLoop = offLoop;
    }

    /** Completes when the pass may take its keys: at once, or after re-listing every kind. */
    Future<Void> prepare(boolean relist) {
        return relist ? offLoop.run(source::relistAll) : Future.succeededFuture();
    }

    /**
     * Starts a pass and returns the keys it visits, each once, in this order: every cached object, every
     * subject the ledger holds findings for (an object deleted while Vigil was away resolves), and every
     * object the policy expects (a fingerprinted object that is gone is drift).
     */
    Set<ResourceKey> begin(Collection<ResourceKey> ledgerSubjects, FindingPolicy policy) {
        Set<ResourceKey> keys = new LinkedHashSet<>(source.keys());
        keys.addAll(ledgerSubjects);
        keys.addAll(policy.expectedObjects());
        passPending = true;
        return keys;
    }

    /** A watch that dropped is re-listed: fabric8 would resume from a stale resourceVersion and miss deletions. */
    void relistDroppedWatches() {
        offLoop.run(source::relistDroppedWatches);
    }

    /** Called when the queue ran dry with nothing in flight: true once per pass, when it has been published. */
    boolean finish() {
        if (!passPending) {
            return false;
        }
        passPending = false;
        onePassPublished = true;
        return true;
    }

    /** The first pass after the initial sync is running: it may evaluate on every core (issue 13). */
    boolean initialPassRunning() {
        return passPending && !onePassPublished;
    }
}
