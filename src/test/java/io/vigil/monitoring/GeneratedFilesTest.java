package io.vigil.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generated monitoring files are what their sources generate, and carry the source unchanged. */
class GeneratedFilesTest {
    @Test
    void everyGeneratedFileIsCurrent() throws IOException {
        for (Map.Entry<Path, String> f : MonitoringFiles.generate().entrySet()) {
            assertThat(Files.exists(f.getKey()))
                    .as(f.getKey() + " is missing: run dashboards/generate.sh")
                    .isTrue();
            assertThat(Files.readString(f.getKey()))
                    .as(f.getKey() + " is stale: run dashboards/generate.sh")
                    .isEqualTo(f.getValue());
        }
    }

    @Test
    void thePrometheusRuleCarriesTheRulesFileGroups() {
        JsonNode rule = MonitoringSources.read(Path.of("deploy/monitoring/prometheus-rule.yaml"));

        assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(rule.path("spec")).isEqualTo(MonitoringSources.read(MonitoringSources.RULES));
    }

    @Test
    void eachDashboardConfigMapHoldsItsDashboardForTheGrafanaSidecar() throws IOException {
        for (Path dashboard : MonitoringSources.dashboards()) {
            String name = dashboard.getFileName().toString();
            JsonNode cm = MonitoringSources.read(Path.of(
                    "deploy/monitoring/dashboard-" + name.replace("vigil-", "").replace(".json", ".yaml")));
            assertThat(cm.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
            assertThat(MonitoringSources.JSON.readTree(
                            cm.path("data").path(name).asText()))
                    .isEqualTo(MonitoringSources.read(dashboard));
        }
    }

    @Test
    void theServiceMonitorSetsTheClusterAndJobTargetLabels() {
        JsonNode sm = MonitoringSources.read(Path.of("deploy/monitoring/service-monitor.yaml"));
        JsonNode endpoint = sm.at("/spec/endpoints/0");

        assertThat(sm.path("kind").asText()).isEqualTo("ServiceMonitor");
        assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
        assertThat(endpoint.path("relabelings"))
                .anySatisfy(r -> assertThat(r.path("targetLabel").asText()).isEqualTo("cluster"))
                .anySatisfy(r -> {
                    assertThat(r.path("targetLabel").asText()).isEqualTo("job");
                    assertThat(r.path("replacement").asText()).isEqualTo("vigil");
                });
    }
}
