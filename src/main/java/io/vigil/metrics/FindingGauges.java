package io.vigil.metrics;

import io.micrometer.core.instrument.Tags;
import io.vigil.check.Check;
import io.vigil.check.CheckCatalog;
import io.vigil.check.Family;
import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.InstancePool;
import io.vigil.model.TrackedFinding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the open-finding gauges current from the event stream: each finding's last contribution is
 * remembered, so an event moves exactly one unit between series and a scrape never walks the ledger.
 */
public final class FindingGauges {
    private final VigilMetrics metrics;
    private final boolean perNamespace;
    private final Map<String, Contribution> byFinding = new HashMap<>();
    private final Map<String, Long> namespaceCounts = new HashMap<>();
    /** Findings of one check on replicas contribute the same: one shared record instead of one per finding. */
    private final InstancePool<Contribution> contributions = new InstancePool<>(1 << 12);

    private record Contribution(
            String check,
            String family,
            String severity,
            boolean baselined,
            boolean drift,
            boolean suppressed,
            String namespace,
            List<String> controls) {
        static Contribution of(TrackedFinding t) {
            Finding f = t.finding();
            return new Contribution(
                    f.checkId(),
                    f.family() == null ? "" : f.family(),
                    f.severity().label(),
                    t.status().baselined(),
                    t.status().drift(),
                    t.status().suppression() != null,
                    f.resource().namespace(),
                    f.controls());
        }

        /** What the compliance dashboard shows: an exception wins over the baseline. */
        String controlState() {
            return suppressed ? "suppressed" : baselined ? "baselined" : "open";
        }
    }

    public FindingGauges(VigilMetrics metrics, boolean perNamespace) {
        this.metrics = metrics;
        this.perNamespace = perNamespace;
    }

    /** Recounts after the baseline changed which findings are baselined or drift (no events for that). */
    public void rebuild(List<TrackedFinding> open) {
        for (Contribution old : byFinding.values()) {
            apply(old, -1);
        }
        byFinding.clear();
        for (TrackedFinding t : open) {
            Contribution now = contribution(t);
            byFinding.put(t.finding().id(), now);
            apply(now, +1);
        }
    }

    /** Counts findings resumed from Kafka at start-up without counting them as new events. */
    public void resume(List<FindingEvent> resumed) {
        for (FindingEvent e : resumed) {
            Contribution now = contribution(e.tracked());
            byFinding.put(e.finding().id(), now);
            apply(now, +1);
        }
    }

    /** Counts the events the pipeline published, in order. */
    public void count(List<FindingEvent> events) {
        for (FindingEvent e : events) {
            metrics.findingEvent(e.type(), e.finding().severity().label());
            Contribution old = byFinding.remove(e.finding().id());
            if (old != null) {
                apply(old, -1);
            }
            if (!(e instanceof FindingEvent.Resolved)) {
                Contribution now = contribution(e.tracked());
                byFinding.put(e.finding().id(), now);
                apply(now, +1);
            }
        }
    }

    private Contribution contribution(TrackedFinding t) {
        return contributions.share(Contribution.of(t));
    }

    private void apply(Contribution c, int delta) {
        if (c.suppressed()) {
            metrics.gauge(
                            MetricCatalog.FINDINGS_SUPPRESSED,
                            Tags.of("check", c.check(), "family", c.family(), "severity", c.severity()))
                    .addAndGet(delta);
        } else {
            metrics.gauge(
                            MetricCatalog.FINDINGS_OPEN,
                            Tags.of(
                                    "check",
                                    c.check(),
                                    "family",
                                    c.family(),
                                    "severity",
                                    c.severity(),
                                    "baselined",
                                    Boolean.toString(c.baselined())))
                    .addAndGet(delta);
        }
        // an exception silences paging on drift too; the open-findings table still lists it as suppressed
        if (c.drift() && !c.suppressed()) {
            metrics.gauge(MetricCatalog.DRIFT_FINDINGS, Tags.of("severity", c.severity()))
                    .addAndGet(delta);
        }
        for (String control : c.controls()) {
            ControlSeries.of(control)
                    .ifPresent(
                            series -> metrics.gauge(MetricCatalog.CONTROL_FINDINGS_OPEN, series.tags(c.controlState()))
                                    .addAndGet(delta));
        }
        if (perNamespace && c.namespace() != null) {
            Tags tags = Tags.of("namespace", c.namespace(), "severity", c.severity());
            String key = c.namespace() + "\n" + c.severity();
            long count = namespaceCounts.merge(key, (long) delta, Long::sum);
            if (count <= 0) {
                namespaceCounts.remove(key);
                metrics.removeGauge(MetricCatalog.NAMESPACE_FINDINGS_OPEN, tags);
            } else {
                metrics.gauge(MetricCatalog.NAMESPACE_FINDINGS_OPEN, tags).set(count);
            }
        }
    }

    /**
     * Creates every control's three series at 0, so the compliance dashboard lists controls without findings
     * too (an auditor asks about those as well); the set is bounded by the controls the checks map to.
     */
    public void declareControls(CheckCatalog catalog) {
        Set<String> controls = new TreeSet<>();
        for (Check check : catalog.all()) {
            controls.addAll(check.descriptor().controls());
            controls.addAll(check.descriptor().family().controls());
        }
        controls.addAll(Family.BASELINE.controls());
        for (String control : controls) {
            ControlSeries.of(control).ifPresent(series -> {
                for (String state : ControlSeries.STATES) {
                    metrics.gauge(MetricCatalog.CONTROL_FINDINGS_OPEN, series.tags(state));
                }
            });
        }
    }
}
