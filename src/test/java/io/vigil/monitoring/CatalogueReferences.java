package io.vigil.monitoring;

import io.vigil.metrics.MetricCatalog;
import io.vigil.metrics.MetricCatalog.Metric;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that expressions use only catalogued metrics and labels (DESIGN §8): the catalogue's series, the
 * recording rules built from them, Prometheus' own {@code up} and {@code ALERTS}, and the target labels the
 * scrape sets. A problem names the file, the rule or panel, and the expression.
 */
public final class CatalogueReferences {
    static final Set<String> TARGET_LABELS = Set.of("cluster", "job", "instance", "pod");
    static final Set<String> ALERT_LABELS = Set.of("alertname", "alertstate", "severity");

    private final Map<String, Set<String>> labelsBySeries = new HashMap<>();

    public CatalogueReferences(Collection<Metric> catalogue, List<String> recordingRules) {
        Set<String> everyLabel = new HashSet<>(TARGET_LABELS);
        for (Metric m : catalogue) {
            Set<String> labels = new HashSet<>(m.labels());
            labels.addAll(TARGET_LABELS);
            everyLabel.addAll(m.labels());
            for (String series : m.seriesNames()) {
                Set<String> own = new HashSet<>(labels);
                if (series.endsWith("_bucket")) {
                    own.add("le");
                }
                labelsBySeries.put(series, own);
            }
        }
        labelsBySeries.put("up", TARGET_LABELS);
        Set<String> alerts = new HashSet<>(everyLabel);
        alerts.addAll(ALERT_LABELS);
        labelsBySeries.put("ALERTS", alerts);
        // a recording rule keeps a subset of its inputs' labels; le survives into quantile inputs
        Set<String> recorded = new HashSet<>(everyLabel);
        recorded.add("le");
        recordingRules.forEach(r -> labelsBySeries.put(r, recorded));
    }

    public static CatalogueReferences shipped() {
        return new CatalogueReferences(
                MetricCatalog.EXPORTED, MonitoringSources.recordingRules(MonitoringSources.RULES));
    }

    /** Every unknown metric or label, one line each; empty when the expression is fine. */
    public List<String> problems(MonitoringSources.Expression e) {
        List<String> problems = new ArrayList<>();
        PromQlNames names = PromQlNames.of(e.expr());
        Set<String> allowed = new HashSet<>(TARGET_LABELS);
        for (String metric : names.metrics()) {
            Set<String> labels = labelsBySeries.get(metric);
            if (labels == null) {
                problems.add(e + ": metric " + metric + " is not in io.vigil.metrics.MetricCatalog");
            } else {
                allowed.addAll(labels);
            }
        }
        names.matcherLabels().forEach((metric, selector) -> {
            Set<String> own = labelsBySeries.getOrDefault(metric, Set.of());
            for (String label : selector) {
                if (labelsBySeries.containsKey(metric) && !own.contains(label)) {
                    problems.add(e + ": label " + label + " is not a label of " + metric
                            + " in io.vigil.metrics.MetricCatalog nor a target label");
                }
            }
        });
        for (String label : names.labels()) {
            if (!allowed.contains(label)) {
                problems.add(e + ": label " + label + " is not a label of " + names.metrics()
                        + " in io.vigil.metrics.MetricCatalog nor a target label");
            }
        }
        return problems;
    }
}
