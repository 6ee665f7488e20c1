package io.vigil.pipeline;

import io.vigil.check.ClusterView;
import io.vigil.check.Evaluator;
import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.ResourceKey;
import io.vigil.model.TrackedFinding;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns evaluation outcomes into finding events (DESIGN §3, §6): the ledger diffs them with what was open, the
 * policy tags and suppresses, the events go to the metrics and then, in order, to every sink. Owns the
 * ledger's writes; event loop only (the ledger is not thread-safe).
 */
final class LedgerPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerPublisher.class);
    /** Bounds the memory of which check failures were logged; a forgotten one is logged once more. */
    private static final int LOGGED_FAILURES_MAX = 10_000;

    private final FindingLedger ledger;
    private final List<FindingSink> sinks;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final Set<String> loggedFailures = new HashSet<>();

    LedgerPublisher(FindingLedger ledger, List<FindingSink> sinks, PipelineMetrics metrics, Clock clock) {
        this.ledger = ledger;
        this.sinks = List.copyOf(sinks);
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param sees whether a kind's informer is synced: an object missing from an unsynced kind's cache is
     *             unseen, not deleted, and its findings stay open
     */
    void apply(List<Outcome> outcomes, FindingPolicy policy, ClusterView view, Predicate<String> sees) {
        Instant now = clock.instant();
        for (Outcome o : outcomes) {
            List<FindingEvent> events = o.object().isPresent()
                    ? evaluated(o, now)
                    : sees.test(o.queued().key().kind()) ? gone(o.queued().key(), policy, view, now) : List.of();
            if (!events.isEmpty()) {
                long received = o.queued().receivedNanos();
                publish(events, received);
                if (sinks.stream().noneMatch(FindingSink::acknowledges)) {
                    metrics.handedOver(System.nanoTime() - received);
                }
            }
        }
    }

    private List<FindingEvent> evaluated(Outcome o, Instant now) {
        Set<String> failed = new HashSet<>();
        for (Evaluator.CheckFailure f : o.result().failures()) {
            failed.add(f.checkId());
            onCheckFailure(f);
        }
        return ledger.reconcile(o.queued().key(), o.result().findings(), failed, now);
    }

    /** A fingerprinted object deleted since the baseline is drift on that object, not a fix. */
    private List<FindingEvent> gone(ResourceKey key, FindingPolicy policy, ClusterView view, Instant now) {
        Optional<Finding> deletion = policy.deletion(key, view);
        return deletion.isPresent()
                ? ledger.reconcile(key, List.of(deletion.get()), Set.of(), now)
                : ledger.deleted(key, now);
    }

    /** Installs a policy as a whole and publishes the suppressions it changes; metrics recount the tags. */
    void install(FindingPolicy next) {
        ledger.setPolicy(next);
        publish(ledger.applyPolicy(clock.instant()), System.nanoTime());
        retag();
    }

    /** Reopens findings whose exception ran out (the once-a-second tick). */
    void expireSuppressions() {
        publish(ledger.expireSuppressions(clock.instant()), System.nanoTime());
    }

    /** The ledger's findings become {@code resumed}'s (nothing is published for that). */
    void replaceFindings(FindingLedger resumed) {
        ledger.replaceFindings(resumed);
    }

    /** The metrics recount which open findings are baselined, drift or stale (no events for that). */
    void retag() {
        metrics.retagged(ledger.open());
    }

    void publish(List<FindingEvent> events, long receivedNanos) {
        if (events.isEmpty()) {
            return;
        }
        metrics.published(events);
        for (FindingSink sink : sinks) {
            sink.publish(events, receivedNanos);
        }
    }

    /** False while a sink wants the pipeline to stop producing events (backpressure). */
    boolean sinksAccepting() {
        return sinks.stream().allMatch(FindingSink::accepting);
    }

    Set<ResourceKey> subjects() {
        return ledger.subjects();
    }

    List<TrackedFinding> open() {
        return ledger.open();
    }

    Instant now() {
        return clock.instant();
    }

    private void onCheckFailure(Evaluator.CheckFailure f) {
        metrics.checkError(f.checkId());
        if (loggedFailures.size() > LOGGED_FAILURES_MAX) {
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
