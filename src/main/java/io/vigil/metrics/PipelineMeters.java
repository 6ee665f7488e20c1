package io.vigil.metrics;

import io.micrometer.core.instrument.Tags;
import io.vigil.model.FindingEvent;
import io.vigil.model.TrackedFinding;
import io.vigil.pipeline.InformerState;
import io.vigil.pipeline.PipelineMetrics;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/** The pipeline's metrics on Vigil's registry: counters, timers, and the open-finding gauges. */
public final class PipelineMeters implements PipelineMetrics {
    private final VigilMetrics metrics;
    private final FindingGauges gauges;

    public PipelineMeters(VigilMetrics metrics, FindingGauges gauges) {
        this.metrics = metrics;
        this.gauges = gauges;
    }

    @Override
    public void checksInstalled(List<String> checkIds) {
        checkIds.forEach(metrics::registerCheck);
    }

    @Override
    public void bind(LongSupplier queueDepth, LongSupplier staleFindings) {
        metrics.gauge(MetricCatalog.QUEUE_DEPTH, Tags.empty(), queueDepth::getAsLong);
        metrics.gauge(MetricCatalog.STALE_FINDINGS, Tags.empty(), staleFindings::getAsLong);
    }

    @Override
    public void watchEvent(String kindKey, String eventType) {
        metrics.watchEvent(kindKey, eventType);
    }

    @Override
    public void informerState(String kindKey, InformerState state) {
        for (InformerState s : InformerState.values()) {
            metrics.gauge(MetricCatalog.INFORMER_STATE, Tags.of("kind", kindKey, "state", s.label()))
                    .set(s == state ? 1 : 0);
        }
    }

    @Override
    public void evaluated(long nanos) {
        metrics.record(MetricCatalog.EVALUATION, nanos);
    }

    @Override
    public void loopTask(long nanos) {
        metrics.record(MetricCatalog.EVENT_LOOP_TASK, nanos);
    }

    @Override
    public void checkError(String checkId) {
        metrics.checkError(checkId);
    }

    @Override
    public void published(List<FindingEvent> events) {
        gauges.count(events);
    }

    @Override
    public void handedOver(long nanosSinceChange) {
        metrics.record(MetricCatalog.CHANGE_TO_PUBLISH, nanosSinceChange);
    }

    @Override
    public void retagged(List<TrackedFinding> open) {
        gauges.rebuild(open);
    }

    @Override
    public void fullEvaluationFinished(Instant at) {
        metrics.gauge(MetricCatalog.LAST_FULL_EVALUATION, Tags.empty()).set(at.getEpochSecond());
    }
}
