package io.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.monitoring.MonitoringSources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** monitoring.enabled renders the shipped rules and dashboards unchanged, through the chart's tpl. */
class ChartMonitoringTest {
    private final Rendering rendering = Chart.render(Map.of("monitoring.enabled", true, "clusterName", "prod-eu"));

    @Test
    void thePrometheusRuleIsTheRulesFileWithPrometheusTemplatesIntact() {
        List<JsonNode> rules = rendering.ofKind("PrometheusRule");

        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).path("spec")).isEqualTo(MonitoringSources.read(MonitoringSources.RULES));
    }

    @Test
    void theDashboardConfigMapsCarryTheDashboardsForTheSidecar() throws Exception {
        List<JsonNode> dashboards = rendering.ofKind("ConfigMap").stream()
                .filter(c -> c.at("/metadata/labels/grafana_dashboard").asText().equals("1"))
                .toList();

        assertThat(dashboards).hasSize(MonitoringSources.dashboards().size());
        for (Path file : MonitoringSources.dashboards()) {
            String name = file.getFileName().toString();
            JsonNode cm = dashboards.stream()
                    .filter(c -> c.path("data").has(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no ConfigMap holds " + name));
            assertThat(MonitoringSources.JSON.readTree(
                            cm.path("data").path(name).asText()))
                    .isEqualTo(MonitoringSources.read(file));
        }
    }

    @Test
    void theServiceMonitorSelectsTheServiceAndSetsTheClusterFromTheValues() {
        JsonNode sm = rendering.ofKind("ServiceMonitor").get(0);

        assertThat(sm.at("/spec/selector/matchLabels/app.kubernetes.io~1instance")
                        .asText())
                .isEqualTo(Chart.RELEASE);
        assertThat(sm.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(sm.at("/spec/endpoints/0/relabelings/0/targetLabel").asText())
                .isEqualTo("cluster");
        assertThat(sm.at("/spec/endpoints/0/relabelings/0/replacement").asText())
                .isEqualTo("prod-eu");
    }
}
