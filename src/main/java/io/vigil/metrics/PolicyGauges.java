package io.vigil.metrics;

import io.micrometer.core.instrument.Tags;
import io.vigil.policy.AuditPolicy;
import io.vigil.policy.ExceptionEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** {@code vigil_baseline_info} and the exceptions' expiry gauges, following the policy in force. */
public final class PolicyGauges implements Consumer<AuditPolicy> {
    private final VigilMetrics metrics;
    private List<Tags> expirySeries = List.of();
    private Tags baselineSeries;

    public PolicyGauges(VigilMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public synchronized void accept(AuditPolicy next) {
        if (baselineSeries != null) {
            metrics.removeGauge(MetricCatalog.BASELINE_INFO, baselineSeries);
        }
        baselineSeries = next.baseline().map(b -> Tags.of("digest", b.digest())).orElse(null);
        if (baselineSeries != null) {
            metrics.gauge(MetricCatalog.BASELINE_INFO, baselineSeries).set(1);
        }
        // 0 without a baseline: the dashboard's capture age then reads "never", not a stale date
        metrics.gauge(MetricCatalog.BASELINE_CAPTURE, Tags.empty())
                .set(next.baseline()
                        .map(b -> b.metadata().capturedAt())
                        .map(java.time.Instant::getEpochSecond)
                        .orElse(0L));
        expirySeries.forEach(t -> metrics.removeGauge(MetricCatalog.EXCEPTION_EXPIRY, t));
        List<Tags> series = new ArrayList<>();
        for (ExceptionEntry e : next.exceptions().entries()) {
            Tags tags = Tags.of("exception", e.id());
            metrics.gauge(MetricCatalog.EXCEPTION_EXPIRY, tags).set(e.expires().getEpochSecond());
            series.add(tags);
        }
        expirySeries = series;
    }
}
