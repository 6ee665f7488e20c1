package io.vigil.pipeline;

import io.vigil.check.Evaluator;
import io.vigil.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates taken keys against the cache's current state. Safe on any thread, and on disjoint keys on several
 * threads at once: the {@link Evaluator} is immutable and its checks are pure (DESIGN §3: no state, no I/O),
 * and {@link AuditSource} reads are concurrent lookups of objects the informers replace but never mutate. The
 * ledger is never touched here; outcomes go back to the event loop.
 */
record KeyEvaluation(Evaluator evaluator, AuditSource source, PipelineMetrics metrics) {

    List<Outcome> evaluate(List<Queued> keys) {
        List<Outcome> out = new ArrayList<>(keys.size());
        for (Queued q : keys) {
            Optional<KubeObject> object = source.get(q.key());
            out.add(new Outcome(q, object, object.map(this::evaluate).orElse(null)));
        }
        return out;
    }

    private Evaluator.Result evaluate(KubeObject object) {
        long start = System.nanoTime();
        Evaluator.Result r = evaluator.evaluate(object, source);
        metrics.evaluated(System.nanoTime() - start);
        return r;
    }

    /** {@code items} cut into at most {@code parts} contiguous slices of near-equal size, in order. */
    static <T> List<List<T>> slices(List<T> items, int parts) {
        int n = Math.max(1, Math.min(parts, items.size()));
        List<List<T>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(List.copyOf(items.subList(i * items.size() / n, (i + 1) * items.size() / n)));
        }
        return out;
    }
}
