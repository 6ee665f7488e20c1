package io.vigil.pipeline;

import io.vigil.model.ResourceKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the informers' states mean for the audit (DESIGN §7, §9): nothing is evaluated before every servable
 * kind has synced once; a kind that synced and then lost its watch keeps its findings open, marked stale, and
 * re-evaluates them when it syncs again; findings resumed from Kafka of a kind this run cannot see stay open,
 * stale; the service is ready once the first full evaluation has been published. Event loop only, except
 * {@link #ready()} and {@link #staleFindings()} (read by HTTP and the metrics scrape).
 */
final class Readiness {
    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

    private final FindingLedger ledger;
    private final PipelineMetrics metrics;
    private final Map<String, InformerState> states = new HashMap<>();
    private final Set<String> everSynced = new HashSet<>();
    private boolean initialSyncDone;
    private volatile boolean ready;
    private volatile long staleFindings;

    Readiness(FindingLedger ledger, PipelineMetrics metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /**
     * Records a kind's new state. Returns the subjects to evaluate again: those of a stale kind that synced
     * (empty otherwise).
     */
    List<ResourceKey> stateChanged(String kind, InformerState state) {
        InformerState previous = states.put(kind, state);
        metrics.informerState(kind, state);
        List<ResourceKey> again = List.of();
        if (state == InformerState.SYNCED) {
            everSynced.add(kind);
            if (ledger.isStale(kind)) {
                ledger.setStale(kind, false);
                again = ledger.subjects().stream()
                        .filter(s -> s.kind().equals(kind))
                        .toList();
            }
        } else if (everSynced.contains(kind) && previous == InformerState.SYNCED) {
            LOG.warn("lost sight of {} ({}): its findings stay open and are marked stale", kind, state.label());
            ledger.setStale(kind, true);
        }
        recount();
        return again;
    }

    /** True exactly once: when the source first reports every servable kind synced (the gate opens). */
    boolean initialSyncCompleted(AuditSource source) {
        if (initialSyncDone || !source.allSynced()) {
            return false;
        }
        initialSyncDone = true;
        markUnseenKindsStale();
        recount();
        LOG.info("informers synced ({} objects cached): running the first full evaluation", source.cachedObjects());
        return true;
    }

    boolean initialSyncDone() {
        return initialSyncDone;
    }

    /** The kind's informer is synced now: an object missing from its cache is gone, not unseen. */
    boolean sees(String kind) {
        return states.get(kind) == InformerState.SYNCED;
    }

    /** The ledger's findings were replaced by resumed ones (a replica that took the lead). */
    void resumed() {
        if (initialSyncDone) {
            markUnseenKindsStale();
        }
        recount();
    }

    void fullEvaluationPublished(Instant at) {
        ready = true;
        metrics.fullEvaluationFinished(at);
    }

    /** After anything that may have opened or resolved stale findings. */
    void recount() {
        staleFindings = ledger.staleCount();
    }

    /** Every servable kind has synced once and the first full evaluation has been published. */
    boolean ready() {
        return ready;
    }

    long staleFindings() {
        return staleFindings;
    }

    /** Findings resumed from Kafka whose kind this run cannot see stay open, marked stale (DESIGN §7). */
    private void markUnseenKindsStale() {
        for (ResourceKey subject : ledger.subjects()) {
            if (!sees(subject.kind()) && !ledger.isStale(subject.kind())) {
                LOG.warn(
                        "findings of {} were open before the restart but {} is not visible now: kept open, stale",
                        subject.kind(),
                        subject.kind());
                ledger.setStale(subject.kind(), true);
            }
        }
    }
}
