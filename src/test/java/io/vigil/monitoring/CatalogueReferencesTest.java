package io.vigil.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.monitoring.MonitoringSources.Expression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DESIGN §8: the rules and dashboards use only the catalogue's metrics and labels, and the target labels. */
class CatalogueReferencesTest {
    private final CatalogueReferences references = CatalogueReferences.shipped();

    @Test
    void everyRuleAndPanelExpressionUsesCataloguedNamesOnly() {
        List<Expression> expressions = MonitoringSources.all();
        assertThat(expressions).hasSizeGreaterThan(60);
        List<String> problems = new ArrayList<>();
        expressions.forEach(e -> problems.addAll(references.problems(e)));
        assertThat(problems).isEmpty();
    }

    @Test
    void anUnknownMetricIsReportedWithFileRuleAndExpression() {
        Expression bad = new Expression(
                Path.of("alerts/vigil.rules.yaml"),
                "alert VigilBroken",
                "max by (cluster) (vigil_findings_opened) > 0");

        assertThat(references.problems(bad))
                .containsExactly(
                        "alerts/vigil.rules.yaml: alert VigilBroken: max by (cluster) (vigil_findings_opened) > 0:"
                                + " metric vigil_findings_opened is not in io.vigil.metrics.MetricCatalog");
    }

    @Test
    void aLabelTheMetricDoesNotHaveIsReportedInMatchersAndGroupings() {
        Expression matcher = new Expression(
                Path.of("dashboards/vigil-posture.json"),
                "panel \"x\" A",
                "sum(vigil_findings_open{cluster=\"$cluster\", namespace=\"shop\"})");
        Expression grouping = new Expression(
                Path.of("dashboards/vigil-posture.json"),
                "panel \"y\" A",
                "max by (cluster, pod_name) (vigil_queue_keys)");

        assertThat(references.problems(matcher))
                .containsExactly("dashboards/vigil-posture.json: panel \"x\" A: "
                        + "sum(vigil_findings_open{cluster=\"$cluster\", namespace=\"shop\"}): label namespace is not a"
                        + " label of vigil_findings_open in io.vigil.metrics.MetricCatalog nor a target label");
        assertThat(references.problems(grouping))
                .containsExactly("dashboards/vigil-posture.json: panel \"y\" A: max by (cluster, pod_name) "
                        + "(vigil_queue_keys): label pod_name is not a label of [vigil_queue_keys] in"
                        + " io.vigil.metrics.MetricCatalog nor a target label");
    }

    @Test
    void targetLabelsHistogramBucketsRecordingRulesAndPrometheusSeriesAreAllowed() {
        for (String expr : List.of(
                "histogram_quantile(0.99, max by (cluster, le) (rate(vigil_change_to_publish_seconds_bucket{pod=\"a\"}[5m])))",
                "vigil:findings_open:max{cluster=\"c\", check=\"x\"}",
                "(max by (cluster, job) (up{job=\"vigil\"}) == 0) or absent(up{job=\"vigil\"})",
                "max by (alertname) (ALERTS{alertstate=\"firing\", check=\"x\"})",
                "label_values(vigil_control_findings_open{cluster=\"$cluster\"}, framework)")) {
            assertThat(references.problems(new Expression(Path.of("x"), "y", expr)))
                    .as(expr)
                    .isEmpty();
        }
    }

    @Test
    void namesAreReadFromSelectorsGroupingsAndVariableQueriesButNotFromStringsOrRanges() {
        PromQlNames names = PromQlNames.of("sum by (severity) (max by (type, severity) (increase("
                + "vigil_finding_events_total{cluster=\"$cluster\", type=~\"opened|resolved\"}[$__rate_interval])))"
                + " / on (cluster) group_left (check) vigil:x offset 1h > 7 * 86400");

        assertThat(names.metrics()).containsExactly("vigil_finding_events_total", "vigil:x");
        assertThat(names.matcherLabels()).isEqualTo(Map.of("vigil_finding_events_total", Set.of("cluster", "type")));
        assertThat(names.labels()).containsExactlyInAnyOrder("severity", "type", "cluster", "check");
        PromQlNames variable = PromQlNames.of("label_values(vigil_build_info{job=\"vigil\"}, cluster)");
        assertThat(variable.metrics()).containsExactly("vigil_build_info");
        assertThat(variable.labels()).containsExactly("cluster");
        assertThat(variable.matcherLabels()).isEqualTo(Map.of("vigil_build_info", Set.of("job")));
    }
}
