package io.vigil.metrics;

import io.vigil.metrics.MetricCatalog.Metric;
import java.util.List;

/** {@code docs/metrics.md}, generated from {@link MetricCatalog} so the page can never drift from the code. */
public final class MetricDocs {
    private MetricDocs() {}

    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Metrics\n\n")
                .append(
                        "<!-- generated from io.vigil.metrics.MetricCatalog; regenerate with dashboards/generate.sh -->\n\n")
                .append("Vigil serves these on `/metrics` (Prometheus text 0.0.4, or OpenMetrics by `Accept`). Every\n")
                .append(
                        "label is bounded: no series per resource or per finding. `cluster` is not a metric label: the\n")
                .append("scrape sets it as a target label (ServiceMonitor relabeling, `external_labels` or a static\n")
                .append("label), like `job`, `instance` and `pod`. Dashboards and alert rules may use only these\n")
                .append("metrics and labels, plus those target labels and Prometheus' own `up` and `ALERTS`\n")
                .append("(a unit test parses every expression). Several replicas export the same series, so every\n")
                .append("query aggregates with `max by (...)`.\n\n")
                .append("## Vigil\n\n");
        table(out, MetricCatalog.ALL);
        out.append("\n## JVM (Micrometer binders)\n\n")
                .append("The one allowed exception to the `vigil_` prefix. Names, labels and help are Micrometer's;\n")
                .append("the GC series appear after the first collection.\n\n");
        table(out, MetricCatalog.JVM);
        return out.toString();
    }

    private static void table(StringBuilder out, List<Metric> metrics) {
        out.append("| metric | type | labels | meaning |\n|---|---|---|---|\n");
        for (Metric m : metrics) {
            out.append("| `")
                    .append(m.name())
                    .append("` | ")
                    .append(m.type().name().toLowerCase(java.util.Locale.ROOT))
                    .append(" | ")
                    .append(m.labels().isEmpty() ? "" : "`" + String.join("`, `", m.labels()) + "`")
                    .append(" | ")
                    .append(m.help().replace("|", "\\|"))
                    .append(" |\n");
        }
    }
}
